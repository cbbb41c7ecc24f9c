# case with patterns and alternatives; if/elif/else; [[ ]]
for f in photo.PNG notes.txt run.sh Makefile; do
  case $f in
    *.png|*.PNG) echo "$f: image" ;;
    *.txt) echo "$f: text" ;;
    *.sh)
      echo "$f: script"
      ;;
    *) echo "$f: other"
  esac
done
v=7
if [ $v -lt 5 ]; then echo small; elif [ $v -lt 10 ]; then echo medium; else echo large; fi
if false; then echo no; fi; echo "if status $?"
[[ $v == 7 && -n "$v" ]] && echo "cond and"
[[ abc == a* ]] && echo glob-match
[[ "abc" == "a*" ]] || echo quoted-literal
[[ ! -e /nonexistent ]] && echo "not exists"
[[ b > a ]] && echo "string greater"
