// Starts GOV.UK Frontend and MOJ Frontend components. Loaded as a module, so it
// runs only in browsers the design systems support; no inline script is needed,
// which keeps the Content Security Policy strict.
import { initAll as initGovuk } from "../build/govuk-frontend.min.js";
import { initAll as initMoj } from "../build/moj-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initGovuk();
initMoj();
