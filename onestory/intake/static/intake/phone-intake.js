// Phone intake: list people already known while the call handler types the person's name,
// date of birth and postcode. Without this script the "Check for people already known"
// button does the same with a full page load.
const form = document.getElementById("phone-intake");
const region = document.getElementById("candidates");

if (form && region) {
  const url = form.dataset.candidatesUrl;
  const searchedOn = [
    "given_name",
    "family_name",
    "date_of_birth_day",
    "date_of_birth_month",
    "date_of_birth_year",
    "postcode",
  ];
  let timer = null;
  let pending = null;

  const refresh = async () => {
    // Send only what the search needs, never the rest of the call.
    const body = new FormData();
    for (const name of [...searchedOn, "csrfmiddlewaretoken", "link"]) {
      const field = form.elements.namedItem(name);
      if (field && field.value !== undefined) {
        body.append(name, field.value);
      }
    }
    if (pending) {
      pending.abort();
    }
    pending = new AbortController();
    try {
      const response = await fetch(url, {
        method: "POST",
        body,
        credentials: "same-origin",
        signal: pending.signal,
      });
      if (response.ok) {
        region.innerHTML = await response.text();
      }
    } catch (error) {
      if (error.name !== "AbortError") {
        region.dataset.searchFailed = "true"; // the button still works
      }
    }
  };

  form.addEventListener("input", (event) => {
    if (!searchedOn.includes(event.target.name)) {
      return;
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 400);
  });
}
