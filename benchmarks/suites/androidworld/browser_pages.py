"""The three task pages the Browser families put in Download/task.html: real, self-contained HTML and JavaScript
that behaves as AndroidWorld's pages do (same seeded generator, same maze carving, numbers and colours, "Success!"
where they show it), so the file works in a real Chrome too. The virtual phone's Chrome recognises them by title
and runs the same behaviour in Python (emulator/virtual/apps/chrome/pages.py)."""

from __future__ import annotations

RNG = ("class SeededRNG { constructor(s) { this.seed = s; } random() { this.seed = (1664525 * this.seed + "
       "1013904223) % 2 ** 32; return this.seed / 2 ** 32; } }\nconst rng = new SeededRNG(%%SEED%%);\n")

MAZE = """<!DOCTYPE html>
<html><head><title>Maze Puzzle</title>
<style>.row{display:flex}.cell{width:88px;height:88px;border:1px solid #000;display:flex;justify-content:center;
align-items:center;font-size:40px}.wall{background:#000}.goal{background:green}button{padding:12px 20px;font-size:24px}
</style></head><body><div id="maze"></div><div>
<button onclick="move(-1,0)">Up</button><button onclick="move(1,0)">Down</button>
<button onclick="move(0,-1)">Left</button><button onclick="move(0,1)">Right</button></div>
<script>
%%RNG%%const N = 4; const grid = Array.from({length: N}, () => Array(N).fill('#')); let pos = [0, 0];
const dirs = [[-1, 0], [1, 0], [0, -1], [0, 1]]; const stack = [[0, 0]];
while (stack.length) {
  const [r, c] = stack.pop(); grid[r][c] = ' ';
  if (r === N - 1 && c === N - 1) break;
  for (let i = dirs.length - 1; i > 0; i--) {
    const j = Math.floor(rng.random() * (i + 1)); [dirs[i], dirs[j]] = [dirs[j], dirs[i]]; }
  for (const [dr, dc] of dirs) { const a = r + dr, b = c + dc;
    if (a >= 0 && a < N && b >= 0 && b < N && grid[a][b] === '#') stack.push([a, b]); }
}
grid[0][0] = ' '; grid[N - 1][N - 1] = '$';
function draw() { const m = document.getElementById('maze'); m.innerHTML = '';
  grid.forEach((row, r) => { const e = document.createElement('div'); e.className = 'row';
    row.forEach((cell, c) => { const d = document.createElement('div'); d.className = 'cell';
      if (cell === '#') d.classList.add('wall'); else if (r === pos[0] && c === pos[1]) d.textContent = 'X';
      else if (cell === '$') d.classList.add('goal'); e.appendChild(d); });
    m.appendChild(e); }); }
function move(dr, dc) { const a = pos[0] + dr, b = pos[1] + dc;
  if (a < 0 || a >= N || b < 0 || b >= N || grid[a][b] === '#') return;
  pos = [a, b]; draw(); if (grid[a][b] === '$') document.body.innerHTML = '<h1>Success!</h1>'; }
draw();
</script></body></html>
"""

MULTIPLY = """<!DOCTYPE html>
<html><head><title>Memory Task</title>
<style>body{text-align:center}#number{font-size:48px}button,input{font-size:22px;padding:8px}</style></head><body>
<div id="number"></div><button id="button" onclick="clicked()">Click Me</button>
<div id="form" style="display:none"><input type="number" id="answer" placeholder="Enter the product">
<button onclick="check()">Submit</button></div><div id="result"></div>
<script>
%%RNG%%const numbers = []; let clicks = 0;
function next() { const n = Math.floor(rng.random() * 10) + 1; numbers.push(n);
  document.getElementById('number').textContent = n; }
function clicked() { clicks++; if (clicks < 5) { next(); return; }
  for (const id of ['button', 'number']) document.getElementById(id).style.display = 'none';
  document.getElementById('form').style.display = 'block'; }
function check() { const product = numbers.reduce((a, n) => a * n, 1);
  const ok = parseInt(document.getElementById('answer').value) === product;
  document.getElementById('result').innerHTML = ok ? '<h2>Success!</h2>' : '<h2></h2>'; }
next();
</script></body></html>
"""

DRAW = """<!DOCTYPE html>
<html><head><title>Color Challenge</title><meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{text-align:center}canvas{border:1px solid #000;touch-action:none}.swatch{width:50px;height:50px;
display:inline-block;margin:5px}.color{width:30px;height:30px;margin:3px;border:none}</style></head><body>
<div id="task"></div><canvas id="canvas" width="300" height="300"></canvas><p>Available Colors:</p>
<div id="palette"></div><button id="clear">Clear</button><button id="submit">Submit</button><p id="result"></p>
<script>
%%RNG%%const colors = ['#ff0000', '#00ff00', '#0000ff', '#ffff00', '#ff00ff', '#00ffff', '#800000', '#008000',
  '#000080', '#808000', '#800080', '#008080', '#ffa500', '#ff1493', '#9932cc', '#20b2aa', '#4b0082', '#00ff7f',
  '#ff6347', '#00ced1', '#9400d3', '#f0e68c', '#ff8c00', '#228b22'];
const canvas = document.getElementById('canvas'); const ctx = canvas.getContext('2d');
const left = [...colors]; const wanted = [];
for (let i = 0; i < 3; i++) wanted.push(left.splice(Math.floor(rng.random() * left.length), 1)[0]);
for (const c of wanted) { const d = document.createElement('div'); d.className = 'swatch'; d.style.background = c;
  document.getElementById('task').appendChild(d); }
for (const c of colors) { const b = document.createElement('button'); b.className = 'color'; b.style.background = c;
  b.onclick = () => { ctx.strokeStyle = c; }; document.getElementById('palette').appendChild(b); }
let last = null;
function at(e) { const r = canvas.getBoundingClientRect(); const t = e.touches ? e.touches[0] : e;
  return [(t.clientX - r.left) * canvas.width / r.width, (t.clientY - r.top) * canvas.height / r.height]; }
canvas.addEventListener('pointerdown', e => { last = at(e); });
canvas.addEventListener('pointermove', e => { if (!last) return; const p = at(e); ctx.beginPath();
  ctx.moveTo(...last); ctx.lineTo(...p); ctx.stroke(); last = p; });
for (const ev of ['pointerup', 'pointerout']) canvas.addEventListener(ev, () => { last = null; });
document.getElementById('clear').onclick = () => ctx.clearRect(0, 0, canvas.width, canvas.height);
document.getElementById('submit').onclick = () => {
  const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data; const used = new Set();
  const hex = n => n.toString(16).padStart(2, '0');
  for (let i = 0; i < px.length; i += 4) used.add('#' + hex(px[i]) + hex(px[i + 1]) + hex(px[i + 2]));
  document.getElementById('result').textContent = wanted.every(c => used.has(c)) ? 'Success!' : ''; };
</script></body></html>
"""


def page(template: str, seed: int) -> str:
    return template.replace("%%RNG%%", RNG).replace("%%SEED%%", str(seed))
