// Builds OneStory's static front-end files from the pinned npm packages:
// compiles frontend/onestory.scss and copies the design systems' JavaScript
// and assets, and GOV.UK's accessible autocomplete, into onestory/static/build/
// (never committed).
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "onestory", "static", "build");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
const moj = join(root, "node_modules", "@ministryofjustice", "frontend", "moj");
const autocomplete = join(root, "node_modules", "accessible-autocomplete", "dist");

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const css = sass.compile(join(root, "frontend", "onestory.scss"), {
  loadPaths: [root],
  style: "compressed",
  quietDeps: true,
  // The design systems use Sass features that newer Sass warns about; their
  // warnings are not ours to fix, and real errors still throw.
  logger: sass.Logger.silent,
});
writeFileSync(join(out, "onestory.css"), css.css);

cpSync(join(govuk, "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
cpSync(join(moj, "moj-frontend.min.js"), join(out, "moj-frontend.min.js"));
// Defines window.accessibleAutocomplete (onestory/static/onestory/autocomplete.js
// imports it); its styles are compiled into onestory.css.
cpSync(
  join(autocomplete, "accessible-autocomplete.min.js"),
  join(out, "accessible-autocomplete.min.js"),
);
// MOJ's images sit beside GOV.UK's so one assets path serves both.
cpSync(join(govuk, "assets"), join(out, "assets"), { recursive: true });
cpSync(join(moj, "assets"), join(out, "assets"), { recursive: true });

console.log(`front end built into ${out}`);
