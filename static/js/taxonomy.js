// Expand all / collapse all for the taxonomy tree. The tree itself is <details>, so it opens and
// closes without this script; the buttons are shown only when the script runs.
document.querySelectorAll("[data-tx-tree]").forEach((section) => {
  const controls = section.querySelector(".tx-tree-controls");
  if (!controls) return;
  controls.hidden = false;
  controls.addEventListener("click", (event) => {
    const button = event.target.closest("[data-tx-expand]");
    if (!button) return;
    const open = button.dataset.txExpand === "open";
    section.querySelectorAll("details.tx-tree__branch").forEach((details) => { details.open = open; });
  });
});
