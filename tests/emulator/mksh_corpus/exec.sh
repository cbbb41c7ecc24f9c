# exec replaces the shell: its status is the script's, nothing after it runs
echo start
exec sh -c 'echo in child; exit 5'
echo never
