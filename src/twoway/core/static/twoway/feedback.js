// Shows the overall score (the mean of the chosen stars) as the person rates.
// Progressive enhancement only: the form works the same without it.
(function () {
  "use strict";
  var form = document.querySelector("[data-feedback-form]");
  if (!form) { return; }
  var output = form.querySelector("[data-overall]");
  var groups = form.querySelectorAll(".stars-input");
  function update() {
    var total = 0, count = 0;
    groups.forEach(function (group) {
      var checked = group.querySelector("input:checked");
      if (checked) { total += Number(checked.value); count += 1; }
    });
    if (!output) { return; }
    if (count === groups.length && count > 0) {
      output.textContent = (Math.round((total / count) * 100 + 1e-9) / 100).toFixed(2);
    } else {
      output.textContent = count ? "rate every criterion" : "—";
    }
  }
  form.addEventListener("change", update);
  update();
})();
