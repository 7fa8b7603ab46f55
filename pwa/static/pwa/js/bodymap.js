// The tappable body map: the lower back, the saddle, both legs and feet, front and back.
//
// Shapes are drawn for one leg in "leg coordinates" (x = 0 at the outer edge of the leg,
// 150 at the inner edge) and mirrored for the other leg, so both legs always match. Every
// shape is at least 44 px across at a 360 px wide screen: these are touch targets.
import { placeLabel } from "./vocab.js";
import { s } from "./ui.js";

const WIDTH = 340;
const LEG = { left: 12, right: 328 }; // x of the outer edge of the viewer-left / viewer-right leg

// [region, shape] in leg coordinates: rect = [x, y, w, h, radius], or path = SVG path
// data with its bounding box (where the pain number goes).
const FRONT_LEG = [
  ["thigh_outer", { path: "M8,52 Q10,40 24,40 L52,40 L58,192 L22,192 Z", box: [8, 40, 50, 152] }],
  [
    "thigh_front",
    { path: "M52,40 L140,40 Q152,40 152,52 L138,192 L58,192 Z", box: [52, 40, 100, 152] },
  ],
  ["knee", { rect: [22, 196, 114, 48, 22] }],
  ["shin_outer", { path: "M26,248 L80,248 L79,372 L34,372 Z", box: [26, 248, 54, 124] }],
  ["shin_inner", { path: "M80,248 L134,248 L126,372 L79,372 Z", box: [79, 248, 55, 124] }],
  ["ankle_outer", { rect: [30, 376, 50, 48, 12] }],
  ["ankle_inner", { rect: [80, 376, 50, 48, 12] }],
  // The feet seen from above, toes pointing down: outer edge with the little toe,
  // the top of the foot with the middle toes, and the big toe on the inside.
  [
    "foot_outer",
    {
      path: "M30,428 L62,428 L62,548 Q62,580 42,580 Q20,580 18,552 L12,496 Z",
      box: [12, 426, 50, 154],
    },
  ],
  [
    "foot_top",
    {
      path: "M62,428 L128,428 L134,494 L108,500 L106,552 Q106,580 84,580 Q62,580 62,552 Z",
      box: [62, 426, 72, 154],
    },
  ],
  [
    "big_toe",
    {
      path: "M108,500 L134,494 Q152,496 152,526 L150,562 Q148,588 128,588 Q108,588 106,562 Z",
      box: [106, 494, 46, 94],
    },
  ],
];

const BACK_LEG = [
  [
    "buttock",
    {
      path: "M2,136 Q2,96 40,96 L130,96 Q152,96 152,120 L152,176 L10,176 Q2,170 2,150 Z",
      box: [2, 96, 150, 80],
    },
  ],
  ["thigh_back", { path: "M6,180 L152,180 L138,322 L20,322 Z", box: [6, 180, 146, 142] }],
  ["knee", { rect: [22, 326, 114, 48, 22] }],
  [
    "calf",
    {
      path: "M24,378 L134,378 Q136,420 124,456 L118,500 L38,500 L30,456 Q20,420 24,376 Z",
      box: [20, 376, 116, 124],
    },
  ],
  ["heel", { rect: [56, 504, 80, 48, 22] }],
  // The sole seen from below, toes pointing down: the outer edge of the foot (the same
  // place as on the front, where S1 often shows), the arch, then the ball of the foot
  // with toes 2 to 4 (the forefoot, where a Morton's neuroma hurts).
  [
    "foot_outer",
    {
      path: "M4,556 L52,556 L52,690 Q26,690 16,668 Q4,640 4,600 Z",
      box: [4, 556, 48, 134],
    },
  ],
  [
    "sole",
    {
      path: "M54,556 L134,556 Q144,580 145,606 L54,606 Z",
      box: [54, 556, 91, 50],
    },
  ],
  [
    "forefoot",
    {
      path: "M54,610 L145,610 Q147,640 138,666 Q128,690 96,690 L54,690 Z",
      box: [54, 610, 93, 80],
    },
  ],
];

// Shapes spanning the middle, in screen coordinates; side is the patient's.
const BACK_MIDDLE = [
  ["lower_back", "left", { rect: [12, 30, 104, 62, 18] }],
  ["lower_back", "center", { rect: [118, 30, 104, 62, 18] }],
  ["lower_back", "right", { rect: [224, 30, 104, 62, 18] }],
];
// The saddle area or genitals, between the buttocks and the thighs: one side, the other,
// or the middle (numbness on one side is as urgent as on both).
const SADDLE = [
  ["saddle", "left", { rect: [98, 154, 46, 46, 14] }],
  ["saddle", "center", { rect: [147, 154, 46, 46, 14] }],
  ["saddle", "right", { rect: [196, 154, 46, 46, 14] }],
];

// Names drawn on the map (the full names are the buttons' accessible names).
const MAP_LABELS = {
  lower_back: "lower back",
  buttock: "buttock",
  saddle: "saddle",
  forefoot: "ball of\nfoot",
  thigh_back: "back of\nthigh",
  thigh_front: "front of\nthigh",
  thigh_outer: "outer\nthigh",
  knee: "knee",
  shin_inner: "inner\nshin",
  shin_outer: "outer\nshin",
  calf: "calf",
  ankle_inner: "inner\nankle",
  ankle_outer: "outer\nankle",
  foot_top: "top of\nfoot",
  big_toe: "big\ntoe",
  foot_outer: "outer\nedge",
  sole: "sole",
  heel: "heel",
};

// The saddle's three places say which is which.
const PLACE_LABELS = {
  "saddle|left": "saddle\nleft",
  "saddle|center": "saddle\nmiddle",
  "saddle|right": "saddle\nright",
};

// Labels that would sit under a neighbouring shape.
const LABEL_SHIFT = { foot_top: -34 };

const HEIGHT = { front: 594, back: 696 };

function shapeElement(shape, leg) {
  let el;
  let box;
  if (shape.circle) {
    const [cx, cy, r] = shape.circle;
    el = s("circle", { cx, cy, r });
    box = [cx - r, cy - r, 2 * r, 2 * r];
  } else if (shape.rect) {
    const [x, y, w, hgt, r] = shape.rect;
    el = s("rect", { x, y, width: w, height: hgt, rx: r });
    box = [x, y, w, hgt];
  } else {
    el = s("path", { d: shape.path });
    box = shape.box;
  }
  if (leg === "left") {
    el.setAttribute("transform", `translate(${LEG.left} 0)`);
    box = [LEG.left + box[0], box[1], box[2], box[3]];
  } else if (leg === "right") {
    // The other leg is the mirror image.
    el.setAttribute("transform", `matrix(-1 0 0 1 ${LEG.right} 0)`);
    box = [LEG.right - box[0] - box[2], box[1], box[2], box[3]];
  }
  return { el, box };
}

/** Every (region, side) the map can show, per view: used by the tests and the list picker. */
export function mapPlaces(view) {
  const places = [];
  if (view === "front") {
    for (const side of ["right", "left"])
      for (const [region] of FRONT_LEG) places.push([region, side]);
  } else {
    for (const [region, side] of BACK_MIDDLE) places.push([region, side]);
    for (const [region, side] of SADDLE) places.push([region, side]);
    for (const side of ["left", "right"])
      for (const [region] of BACK_LEG) places.push([region, side]);
  }
  return places;
}

/**
 * Build the map for one view. `isSelected(region, side)` and `painOf(region, side)` read
 * the page's state; `onTap(region, side)` toggles a place.
 */
export function bodyMap(view, { isSelected, painOf, onTap }) {
  const svg = s("svg", {
    class: "bodymap",
    viewBox: `0 0 ${WIDTH} ${HEIGHT[view]}`,
    width: WIDTH,
    height: HEIGHT[view],
    role: "group",
    "aria-label":
      view === "front"
        ? "Body map, front of the legs and feet"
        : "Body map, back, buttocks, saddle area or genitals, legs and soles",
  });
  // Which patient side is on which half of the screen: front view is mirrored.
  const legs =
    view === "front"
      ? [
          ["right", "left"],
          ["left", "right"],
        ]
      : [
          ["left", "left"],
          ["right", "right"],
        ];
  for (const [screenLeg, side] of legs) {
    const x = screenLeg === "left" ? LEG.left + 75 : LEG.right - 75;
    svg.append(
      s(
        "text",
        {
          x,
          y: view === "front" ? 24 : 22,
          class: "side-label",
          "text-anchor": "middle",
          "aria-hidden": "true",
        },
        side === "left" ? "Left" : "Right",
      ),
    );
  }
  const shapes = [];
  const add = (region, side, shape, leg) => {
    const { el, box } = shapeElement(shape, leg);
    const label = placeLabel(region, side);
    el.setAttribute("class", "region");
    el.setAttribute("role", "button");
    el.setAttribute("tabindex", "0");
    el.setAttribute("aria-label", label);
    el.dataset.region = region;
    el.dataset.side = side;
    el.append(s("title", {}, label));
    const tap = (event) => {
      event.preventDefault();
      onTap(region, side);
    };
    el.addEventListener("click", tap);
    el.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") tap(event);
    });
    // Unselected: the place's name, small. Selected: its pain, large.
    const cx = box[0] + box[2] / 2;
    const cy = box[1] + box[3] / 2;
    const lines = (PLACE_LABELS[`${region}|${side}`] ?? MAP_LABELS[region] ?? "").split("\n");
    const name = s(
      "text",
      {
        x: cx,
        y: cy - (lines.length - 1) * 6 + 4 + (LABEL_SHIFT[region] ?? 0),
        class: "place-label",
        "text-anchor": "middle",
        "aria-hidden": "true",
      },
      lines.map((line, i) => s("tspan", { x: cx, dy: i ? 12 : 0 }, line)),
    );
    const number = s("text", {
      x: cx,
      y: cy + 6,
      class: "pain-label",
      "text-anchor": "middle",
      "aria-hidden": "true",
    });
    shapes.push({ el, number, name, region, side });
    svg.append(el, name, number);
  };
  if (view === "front") {
    for (const [screenLeg, side] of legs)
      for (const [region, shape] of FRONT_LEG) add(region, side, shape, screenLeg);
  } else {
    for (const [region, side, shape] of BACK_MIDDLE) add(region, side, shape, null);
    for (const [screenLeg, side] of legs)
      for (const [region, shape] of BACK_LEG) add(region, side, shape, screenLeg);
    for (const [region, side, shape] of SADDLE) add(region, side, shape, null);
  }

  const refresh = () => {
    for (const { el, number, name, region, side } of shapes) {
      const on = isSelected(region, side);
      el.setAttribute("aria-pressed", String(on));
      el.classList.toggle("on", on);
      number.textContent = on ? String(painOf(region, side)) : "";
      name.style.display = on ? "none" : "";
    }
  };
  refresh();
  return { svg, refresh };
}
