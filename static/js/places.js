// Place suggestions for the example form, from the site's offline gazetteer: typing a city in
// "Place" offers matches (a datalist); choosing one fills the country and the coordinates when
// they are empty. Without this script the fields are plain and the server fills what it can.
(function () {
  "use strict";
  const input = document.querySelector("input[data-gazetteer]");
  if (!input) return;
  const form = input.form;
  const country = form.querySelector("[name=country]");
  const lat = form.querySelector("[name=latitude]");
  const lon = form.querySelector("[name=longitude]");
  const list = document.createElement("datalist");
  list.id = input.id + "-suggestions";
  input.after(list);
  input.setAttribute("list", list.id);
  let found = new Map();
  let timer = null;
  let asked = "";

  function label(city) {
    return city.name + ", " + city.country_name;
  }

  async function suggest() {
    const query = input.value.split(",")[0].trim();
    if (query.length < 2 || query === asked) return;
    asked = query;
    try {
      const response = await fetch(input.dataset.gazetteer + "?q=" + encodeURIComponent(query),
                                   { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const data = await response.json();
      found = new Map(data.results.map((city) => [label(city), city]));
      list.replaceChildren(...data.results.map((city) => {
        const option = document.createElement("option");
        option.value = label(city);
        return option;
      }));
    } catch (error) {
      // Offline or refused: the plain field still works.
    }
  }

  function fill() {
    const city = found.get(input.value);
    if (!city) return;
    if (country && !country.value) country.value = city.country;
    if (lat && lon && !lat.value && !lon.value) {
      lat.value = city.latitude;
      lon.value = city.longitude;
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(suggest, 200);
    fill();
  });
  input.addEventListener("change", fill);
})();
