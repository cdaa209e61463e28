// Turns each <select data-autocomplete> into a text box that offers the matching options as
// you type (GOV.UK's accessible-autocomplete). A county lists hundreds of schools, too many
// to scroll through. Without JavaScript, or if the library does not load, the select stays
// as it is and works on its own. The select's data-autocomplete-no-results, if any, is what
// the box says when nothing matches.
//
// The select stays in the form, hidden, and is what is sent: choosing an option sets it, and
// on submitting it is set from whatever the box then says, so a box that was cleared or
// holds text matching no option sends no choice (and the form says what is missing).

// A UMD bundle: run as a module, it sets window.accessibleAutocomplete.
import "../build/accessible-autocomplete.min.js";

const library = window.accessibleAutocomplete;

function optionNamed(select, text) {
  return Array.from(select.options).find(
    (option) => option.value !== "" && option.textContent.trim() === text,
  );
}

// The box describes itself (how to use it) while it is empty; keep the field's own hint and
// error message read out with it too, whatever the box does to the attribute.
function keepDescribedBy(input, ids) {
  const apply = () => {
    const own = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    const missing = ids.filter((id) => !own.includes(id));
    if (missing.length) {
      input.setAttribute("aria-describedby", [...missing, ...own].join(" "));
    }
  };
  apply();
  new MutationObserver(apply).observe(input, {
    attributes: true,
    attributeFilter: ["aria-describedby"],
  });
}

function enhance(select) {
  const id = select.id;
  // Someone already in the select when the page finishes loading stays in the field.
  const hadFocus = document.activeElement === select;
  const describedBy = (select.getAttribute("aria-describedby") || "").split(/\s+/);
  library.enhanceSelectElement({
    selectElement: select,
    // An empty box until something is chosen, rather than the words of the empty option.
    defaultValue: "",
    showNoOptionsFound: true,
    tNoResults: () => select.dataset.autocompleteNoResults || "No results found",
    inputClasses: select.classList.contains("govuk-select--error") ? "govuk-input--error" : null,
  });
  const input = document.getElementById(id);
  if (!input) {
    return;
  }
  keepDescribedBy(input, describedBy.filter(Boolean));
  if (hadFocus) {
    input.focus();
  }
  if (select.form) {
    select.form.addEventListener("submit", () => {
      const option = optionNamed(select, input.value.trim());
      select.value = option ? option.value : "";
    });
  }
}

if (library) {
  document.querySelectorAll("select[data-autocomplete]").forEach(enhance);
}
