# here-documents: expanded, quoted delimiter, tab-stripping, here-string
name=phone
cat <<EOF
hello $name
sum $((2 + 2))
EOF
cat <<'RAW'
no $expansion here
RAW
cat <<-TABS
	indented
	TABS
read a b <<< "first second third"
echo "$a|$b"
while read line; do echo "> $line"; done <<LINES
one
two
LINES
