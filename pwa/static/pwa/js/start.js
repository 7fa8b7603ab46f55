// The one classic script: when the app's own code never ran (a file of it failed to
// download, an old browser), say so and offer a reload instead of "Loading…" for good.
// Deferred scripts and modules have all run, or failed, by the window's "load".
window.addEventListener("load", function () {
  if (document.documentElement.dataset.app === "started") return;
  var main = document.getElementById("main");
  var view = document.createElement("div");
  view.className = "view view-failed";
  var card = document.createElement("div");
  card.className = "card";
  card.setAttribute("role", "alert");
  var heading = document.createElement("h1");
  heading.textContent = "Footnote did not start";
  var text = document.createElement("p");
  text.className = "failure";
  text.textContent = navigator.onLine
    ? "The app's code could not be downloaded from the server."
    : "The app's code is not on this phone yet, and there is no connection.";
  var retry = document.createElement("button");
  retry.type = "button";
  retry.className = "primary";
  retry.textContent = "Try again";
  retry.addEventListener("click", function () {
    location.reload();
  });
  card.append(text, retry);
  view.append(heading, card);
  main.replaceChildren(view);
});
