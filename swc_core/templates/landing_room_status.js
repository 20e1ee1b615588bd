// The trainer's room status line: ask its data-path now and every data-every ms; show the answer's line,
// or data-unreachable when the server does not answer (landing_room_status.html.j2).
(function () {
  var line = document.getElementById('swc-room-status');
  var path = line.dataset.path, every = Number(line.dataset.every), unreachable = line.dataset.unreachable;
  function ask() {
    fetch(path, {credentials: 'same-origin', cache: 'no-store'})
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (s) { line.textContent = s.line; line.dataset.pages = s.pages;
                           line.dataset.unsaved = s.unsaved; })
      .catch(function () { line.textContent = unreachable; });
  }
  ask(); setInterval(ask, every);
})();
