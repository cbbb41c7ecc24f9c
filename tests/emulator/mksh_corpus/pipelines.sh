# pipelines, the last stage runs in the current shell (mksh), read loops
printf '3 c\n1 a\n2 b\n' | sort -n | while read n word; do echo "$n=$word"; done
echo hello | read greeting; echo "read in pipeline: $greeting"
printf 'x\ny\n' | { read first; read second; echo "$second$first"; }
echo one two three | awk '{print $2}'
printf 'b\na\nb\n' | sort | uniq -c
seq 5 | grep -E '^(2|4)$' | xargs echo evens:
echo "k=v" | sed 's/=/ => /' | tr a-z A-Z
false | true; echo "status $?"
set -o pipefail; false | true; echo "pipefail $?"
