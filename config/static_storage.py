"""Static files as production serves them: fingerprinted, compressed, imports rewritten.

whitenoise's CompressedManifestStaticFilesStorage names every file by its content hash
(`app.3f9a1c7e.js`, cached for a year) and writes .gz and .br beside it. The app is plain
JavaScript modules that import each other (`import { h } from "./ui.js";`, and pages
through `import("./pages/today.js")`), so the imports must name the hashed files too, or
a phone would fetch the plain names, which whitenoise may cache only briefly, and mix
versions after a deploy. Django's manifest storage rewrites both forms when
`support_js_module_import_aggregation` is on.
"""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class AppStaticFilesStorage(CompressedManifestStaticFilesStorage):  # type: ignore[misc]
    support_js_module_import_aggregation = True
    # A module's hash depends on the hashes of what it imports, so each level of the
    # import graph can take one more pass to settle (app -> page -> section -> helper
    # -> ...); Django's default of 5 is close to the app's depth.
    max_post_process_passes = 12
