# quoting and field splitting
v="a   b"
echo $v; echo "$v"
set -- "one two" three
for arg in "$@"; do echo "[$arg]"; done
for arg in $@; do echo "<$arg>"; done
echo '$HOME' "\$HOME" \$HOME
IFS=:; path="x:y:z"; for p in $path; do echo $p; done; unset IFS
echo "tab	inside" | cut -f2
printf '%s|%5s|%-3s|%03d\n' a b c 7
