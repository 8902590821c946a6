# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_credit_global_optspecs
    string join \n db= format= q/quiet y/yes operator= h/help V/version
end

function __fish_credit_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_credit_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_credit_using_subcommand
    set -l cmd (__fish_credit_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c credit -n "__fish_credit_needs_command" -l db -d 'The store file. Example: --db /srv/credit/county.db' -r -F
complete -c credit -n "__fish_credit_needs_command" -l format -d 'Output format: table for people, csv, json (one array) or jsonl (one object per line)' -r -f -a "table\t'Aligned columns for people'
csv\t'Comma-separated with a header row'
json\t'One JSON array (a single result: one object)'
jsonl\t'One JSON object per line'"
complete -c credit -n "__fish_credit_needs_command" -l operator -d 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]' -r
complete -c credit -n "__fish_credit_needs_command" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c credit -n "__fish_credit_needs_command" -s y -l yes -d 'Answer yes to confirmations (needed for destructive steps without a terminal)'
complete -c credit -n "__fish_credit_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credit -n "__fish_credit_needs_command" -s V -l version -d 'Print version'
complete -c credit -n "__fish_credit_needs_command" -f -a "init" -d 'Create the store file (mode 0600) and its tables. Running it again on an existing store changes nothing and succeeds'
complete -c credit -n "__fish_credit_needs_command" -f -a "db" -d 'Look after the store file'
complete -c credit -n "__fish_credit_needs_command" -f -a "audit" -d 'Read and verify the audit chain'
complete -c credit -n "__fish_credit_needs_command" -f -a "completions" -d 'Print the completion script for a shell'
complete -c credit -n "__fish_credit_needs_command" -f -a "man" -d 'Write man pages (credit.1, credit-import.1, ...) into a directory'
complete -c credit -n "__fish_credit_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credit -n "__fish_credit_using_subcommand init" -l db -d 'The store file. Example: --db /srv/credit/county.db' -r -F
complete -c credit -n "__fish_credit_using_subcommand init" -l format -d 'Output format: table for people, csv, json (one array) or jsonl (one object per line)' -r -f -a "table\t'Aligned columns for people'
csv\t'Comma-separated with a header row'
json\t'One JSON array (a single result: one object)'
jsonl\t'One JSON object per line'"
complete -c credit -n "__fish_credit_using_subcommand init" -l operator -d 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]' -r
complete -c credit -n "__fish_credit_using_subcommand init" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c credit -n "__fish_credit_using_subcommand init" -s y -l yes -d 'Answer yes to confirmations (needed for destructive steps without a terminal)'
complete -c credit -n "__fish_credit_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credit -n "__fish_credit_using_subcommand db; and not __fish_seen_subcommand_from status upgrade check help" -l db -d 'The store file. Example: --db /srv/credit/county.db' -r -F
complete -c credit -n "__fish_credit_using_subcommand db; and not __fish_seen_subcommand_from status upgrade check help" -l format -d 'Output format: table for people, csv, json (one array) or jsonl (one object per line)' -r -f -a "table\t'Aligned columns for people'
csv\t'Comma-separated with a header row'
json\t'One JSON array (a single result: one object)'
jsonl\t'One JSON object per line'"
complete -c credit -n "__fish_credit_using_subcommand db; and not __fish_seen_subcommand_from status upgrade check help" -l operator -d 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]' -r
complete -c credit -n "__fish_credit_using_subcommand db; and not __fish_seen_subcommand_from status upgrade check help" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c credit -n "__fish_credit_using_subcommand db; and not __fish_seen_subcommand_from status upgrade check help" -s y -l yes -d 'Answer yes to confirmations (needed for destructive steps without a terminal)'
complete -c credit -n "__fish_credit_using_subcommand db; and not __fish_seen_subcommand_from status upgrade check help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credit -n "__fish_credit_using_subcommand db; and not __fish_seen_subcommand_from status upgrade check help" -f -a "status" -d 'Path, schema version and rows per table'
complete -c credit -n "__fish_credit_using_subcommand db; and not __fish_seen_subcommand_from status upgrade check help" -f -a "upgrade" -d 'Apply the migrations this binary has and the store lacks (back up first)'
complete -c credit -n "__fish_credit_using_subcommand db; and not __fish_seen_subcommand_from status upgrade check help" -f -a "check" -d 'Check the file\'s integrity and the audit chain; exit 1 when either fails'
complete -c credit -n "__fish_credit_using_subcommand db; and not __fish_seen_subcommand_from status upgrade check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credit -n "__fish_credit_using_subcommand db; and __fish_seen_subcommand_from status" -l db -d 'The store file. Example: --db /srv/credit/county.db' -r -F
complete -c credit -n "__fish_credit_using_subcommand db; and __fish_seen_subcommand_from status" -l format -d 'Output format: table for people, csv, json (one array) or jsonl (one object per line)' -r -f -a "table\t'Aligned columns for people'
csv\t'Comma-separated with a header row'
json\t'One JSON array (a single result: one object)'
jsonl\t'One JSON object per line'"
complete -c credit -n "__fish_credit_using_subcommand db; and __fish_seen_subcommand_from status" -l operator -d 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]' -r
complete -c credit -n "__fish_credit_using_subcommand db; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c credit -n "__fish_credit_using_subcommand db; and __fish_seen_subcommand_from status" -s y -l yes -d 'Answer yes to confirmations (needed for destructive steps without a terminal)'
complete -c credit -n "__fish_credit_using_subcommand db; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credit -n "__fish_credit_using_subcommand db; and __fish_seen_subcommand_from upgrade" -l db -d 'The store file. Example: --db /srv/credit/county.db' -r -F
complete -c credit -n "__fish_credit_using_subcommand db; and __fish_seen_subcommand_from upgrade" -l format -d 'Output format: table for people, csv, json (one array) or jsonl (one object per line)' -r -f -a "table\t'Aligned columns for people'
csv\t'Comma-separated with a header row'
json\t'One JSON array (a single result: one object)'
jsonl\t'One JSON object per line'"
complete -c credit -n "__fish_credit_using_subcommand db; and __fish_seen_subcommand_from upgrade" -l operator -d 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]' -r
complete -c credit -n "__fish_credit_using_subcommand db; and __fish_seen_subcommand_from upgrade" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c credit -n "__fish_credit_using_subcommand db; and __fish_seen_subcommand_from upgrade" -s y -l yes -d 'Answer yes to confirmations (needed for destructive steps without a terminal)'
complete -c credit -n "__fish_credit_using_subcommand db; and __fish_seen_subcommand_from upgrade" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credit -n "__fish_credit_using_subcommand db; and __fish_seen_subcommand_from check" -l db -d 'The store file. Example: --db /srv/credit/county.db' -r -F
complete -c credit -n "__fish_credit_using_subcommand db; and __fish_seen_subcommand_from check" -l format -d 'Output format: table for people, csv, json (one array) or jsonl (one object per line)' -r -f -a "table\t'Aligned columns for people'
csv\t'Comma-separated with a header row'
json\t'One JSON array (a single result: one object)'
jsonl\t'One JSON object per line'"
complete -c credit -n "__fish_credit_using_subcommand db; and __fish_seen_subcommand_from check" -l operator -d 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]' -r
complete -c credit -n "__fish_credit_using_subcommand db; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c credit -n "__fish_credit_using_subcommand db; and __fish_seen_subcommand_from check" -s y -l yes -d 'Answer yes to confirmations (needed for destructive steps without a terminal)'
complete -c credit -n "__fish_credit_using_subcommand db; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credit -n "__fish_credit_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "status" -d 'Path, schema version and rows per table'
complete -c credit -n "__fish_credit_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "upgrade" -d 'Apply the migrations this binary has and the store lacks (back up first)'
complete -c credit -n "__fish_credit_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "check" -d 'Check the file\'s integrity and the audit chain; exit 1 when either fails'
complete -c credit -n "__fish_credit_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credit -n "__fish_credit_using_subcommand audit; and not __fish_seen_subcommand_from log verify help" -l db -d 'The store file. Example: --db /srv/credit/county.db' -r -F
complete -c credit -n "__fish_credit_using_subcommand audit; and not __fish_seen_subcommand_from log verify help" -l format -d 'Output format: table for people, csv, json (one array) or jsonl (one object per line)' -r -f -a "table\t'Aligned columns for people'
csv\t'Comma-separated with a header row'
json\t'One JSON array (a single result: one object)'
jsonl\t'One JSON object per line'"
complete -c credit -n "__fish_credit_using_subcommand audit; and not __fish_seen_subcommand_from log verify help" -l operator -d 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]' -r
complete -c credit -n "__fish_credit_using_subcommand audit; and not __fish_seen_subcommand_from log verify help" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c credit -n "__fish_credit_using_subcommand audit; and not __fish_seen_subcommand_from log verify help" -s y -l yes -d 'Answer yes to confirmations (needed for destructive steps without a terminal)'
complete -c credit -n "__fish_credit_using_subcommand audit; and not __fish_seen_subcommand_from log verify help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credit -n "__fish_credit_using_subcommand audit; and not __fish_seen_subcommand_from log verify help" -f -a "log" -d 'List audit events, oldest first'
complete -c credit -n "__fish_credit_using_subcommand audit; and not __fish_seen_subcommand_from log verify help" -f -a "verify" -d 'Recompute the chain; exit 1 naming the first edited, deleted or reordered event'
complete -c credit -n "__fish_credit_using_subcommand audit; and not __fish_seen_subcommand_from log verify help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credit -n "__fish_credit_using_subcommand audit; and __fish_seen_subcommand_from log" -l limit -d 'Show only the newest N events' -r
complete -c credit -n "__fish_credit_using_subcommand audit; and __fish_seen_subcommand_from log" -l db -d 'The store file. Example: --db /srv/credit/county.db' -r -F
complete -c credit -n "__fish_credit_using_subcommand audit; and __fish_seen_subcommand_from log" -l format -d 'Output format: table for people, csv, json (one array) or jsonl (one object per line)' -r -f -a "table\t'Aligned columns for people'
csv\t'Comma-separated with a header row'
json\t'One JSON array (a single result: one object)'
jsonl\t'One JSON object per line'"
complete -c credit -n "__fish_credit_using_subcommand audit; and __fish_seen_subcommand_from log" -l operator -d 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]' -r
complete -c credit -n "__fish_credit_using_subcommand audit; and __fish_seen_subcommand_from log" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c credit -n "__fish_credit_using_subcommand audit; and __fish_seen_subcommand_from log" -s y -l yes -d 'Answer yes to confirmations (needed for destructive steps without a terminal)'
complete -c credit -n "__fish_credit_using_subcommand audit; and __fish_seen_subcommand_from log" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credit -n "__fish_credit_using_subcommand audit; and __fish_seen_subcommand_from verify" -l db -d 'The store file. Example: --db /srv/credit/county.db' -r -F
complete -c credit -n "__fish_credit_using_subcommand audit; and __fish_seen_subcommand_from verify" -l format -d 'Output format: table for people, csv, json (one array) or jsonl (one object per line)' -r -f -a "table\t'Aligned columns for people'
csv\t'Comma-separated with a header row'
json\t'One JSON array (a single result: one object)'
jsonl\t'One JSON object per line'"
complete -c credit -n "__fish_credit_using_subcommand audit; and __fish_seen_subcommand_from verify" -l operator -d 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]' -r
complete -c credit -n "__fish_credit_using_subcommand audit; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c credit -n "__fish_credit_using_subcommand audit; and __fish_seen_subcommand_from verify" -s y -l yes -d 'Answer yes to confirmations (needed for destructive steps without a terminal)'
complete -c credit -n "__fish_credit_using_subcommand audit; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credit -n "__fish_credit_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "log" -d 'List audit events, oldest first'
complete -c credit -n "__fish_credit_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Recompute the chain; exit 1 naming the first edited, deleted or reordered event'
complete -c credit -n "__fish_credit_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credit -n "__fish_credit_using_subcommand completions" -l db -d 'The store file. Example: --db /srv/credit/county.db' -r -F
complete -c credit -n "__fish_credit_using_subcommand completions" -l format -d 'Output format: table for people, csv, json (one array) or jsonl (one object per line)' -r -f -a "table\t'Aligned columns for people'
csv\t'Comma-separated with a header row'
json\t'One JSON array (a single result: one object)'
jsonl\t'One JSON object per line'"
complete -c credit -n "__fish_credit_using_subcommand completions" -l operator -d 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]' -r
complete -c credit -n "__fish_credit_using_subcommand completions" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c credit -n "__fish_credit_using_subcommand completions" -s y -l yes -d 'Answer yes to confirmations (needed for destructive steps without a terminal)'
complete -c credit -n "__fish_credit_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credit -n "__fish_credit_using_subcommand man" -l db -d 'The store file. Example: --db /srv/credit/county.db' -r -F
complete -c credit -n "__fish_credit_using_subcommand man" -l format -d 'Output format: table for people, csv, json (one array) or jsonl (one object per line)' -r -f -a "table\t'Aligned columns for people'
csv\t'Comma-separated with a header row'
json\t'One JSON array (a single result: one object)'
jsonl\t'One JSON object per line'"
complete -c credit -n "__fish_credit_using_subcommand man" -l operator -d 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]' -r
complete -c credit -n "__fish_credit_using_subcommand man" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c credit -n "__fish_credit_using_subcommand man" -s y -l yes -d 'Answer yes to confirmations (needed for destructive steps without a terminal)'
complete -c credit -n "__fish_credit_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credit -n "__fish_credit_using_subcommand help; and not __fish_seen_subcommand_from init db audit completions man help" -f -a "init" -d 'Create the store file (mode 0600) and its tables. Running it again on an existing store changes nothing and succeeds'
complete -c credit -n "__fish_credit_using_subcommand help; and not __fish_seen_subcommand_from init db audit completions man help" -f -a "db" -d 'Look after the store file'
complete -c credit -n "__fish_credit_using_subcommand help; and not __fish_seen_subcommand_from init db audit completions man help" -f -a "audit" -d 'Read and verify the audit chain'
complete -c credit -n "__fish_credit_using_subcommand help; and not __fish_seen_subcommand_from init db audit completions man help" -f -a "completions" -d 'Print the completion script for a shell'
complete -c credit -n "__fish_credit_using_subcommand help; and not __fish_seen_subcommand_from init db audit completions man help" -f -a "man" -d 'Write man pages (credit.1, credit-import.1, ...) into a directory'
complete -c credit -n "__fish_credit_using_subcommand help; and not __fish_seen_subcommand_from init db audit completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credit -n "__fish_credit_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "status" -d 'Path, schema version and rows per table'
complete -c credit -n "__fish_credit_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "upgrade" -d 'Apply the migrations this binary has and the store lacks (back up first)'
complete -c credit -n "__fish_credit_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "check" -d 'Check the file\'s integrity and the audit chain; exit 1 when either fails'
complete -c credit -n "__fish_credit_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "log" -d 'List audit events, oldest first'
complete -c credit -n "__fish_credit_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "verify" -d 'Recompute the chain; exit 1 naming the first edited, deleted or reordered event'
