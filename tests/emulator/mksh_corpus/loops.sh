# for over words, while with arithmetic, until, nested break/continue
for i in 1 2 3; do echo "for $i"; done
n=0
while [ $n -lt 3 ]; do n=$((n + 1)); echo "while $n"; done
until [ $n -eq 0 ]; do n=$((n - 1)); done; echo "until $n"
for a in x y z; do
  for b in 1 2 3; do
    [ $b = 2 ] && continue
    [ $a = y ] && continue 2
    [ $a = z ] && break 2
    echo "$a$b"
  done
done
for f in; do echo never; done; echo "empty for: $?"
