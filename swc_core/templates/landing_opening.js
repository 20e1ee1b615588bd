// A workbook link clicked: show the notice; the same link clicked again while it opens: ignored
// (a second request would cancel the first and join the render queue again at the back).
(function () {
  var note = document.getElementById('swc-opening'), opening = null;
  document.addEventListener('click', function (ev) {
    var a = ev.target.closest && ev.target.closest('a[data-swc-open]');
    if (!a || ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
    if (opening === a.href) { ev.preventDefault(); return; }
    opening = a.href;
    note.hidden = false;
  });
  window.addEventListener('pageshow', function () { opening = null; note.hidden = true; });
})();
