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
complete -c credit -n "__fish_credit_needs_command" -f -a "import" -d 'Import 双公示 records and registers (CSV in UTF-8 or GBK, xlsx, JSON lines)'
complete -c credit -n "__fish_credit_needs_command" -f -a "records" -d 'Look at imported 双公示 records'
complete -c credit -n "__fish_credit_needs_command" -f -a "subject" -d 'Subjects (信用主体)'
complete -c credit -n "__fish_credit_needs_command" -f -a "resolve" -d 'Resolve old codes to unified social credit codes, explaining each answer'
complete -c credit -n "__fish_credit_needs_command" -f -a "code" -d 'Identifier codes: USCC, organization code, registration number, resident id'
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
complete -c credit -n "__fish_credit_using_subcommand import; and not __fish_seen_subcommand_from penalties licenses subjects mappings help" -l db -d 'The store file. Example: --db /srv/credit/county.db' -r -F
complete -c credit -n "__fish_credit_using_subcommand import; and not __fish_seen_subcommand_from penalties licenses subjects mappings help" -l format -d 'Output format: table for people, csv, json (one array) or jsonl (one object per line)' -r -f -a "table\t'Aligned columns for people'
csv\t'Comma-separated with a header row'
json\t'One JSON array (a single result: one object)'
jsonl\t'One JSON object per line'"
complete -c credit -n "__fish_credit_using_subcommand import; and not __fish_seen_subcommand_from penalties licenses subjects mappings help" -l operator -d 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]' -r
complete -c credit -n "__fish_credit_using_subcommand import; and not __fish_seen_subcommand_from penalties licenses subjects mappings help" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c credit -n "__fish_credit_using_subcommand import; and not __fish_seen_subcommand_from penalties licenses subjects mappings help" -s y -l yes -d 'Answer yes to confirmations (needed for destructive steps without a terminal)'
complete -c credit -n "__fish_credit_using_subcommand import; and not __fish_seen_subcommand_from penalties licenses subjects mappings help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credit -n "__fish_credit_using_subcommand import; and not __fish_seen_subcommand_from penalties licenses subjects mappings help" -f -a "penalties" -d 'Import administrative penalties (行政处罚) in the national layout'
complete -c credit -n "__fish_credit_using_subcommand import; and not __fish_seen_subcommand_from penalties licenses subjects mappings help" -f -a "licenses" -d 'Import administrative licences (行政许可) in the national layout'
complete -c credit -n "__fish_credit_using_subcommand import; and not __fish_seen_subcommand_from penalties licenses subjects mappings help" -f -a "subjects" -d 'Import the registration authority\'s register of subjects (USCC, name, kind, legal representative, division, old codes, former names)'
complete -c credit -n "__fish_credit_using_subcommand import; and not __fish_seen_subcommand_from penalties licenses subjects mappings help" -f -a "mappings" -d 'Import the official old-code to USCC table (新旧代码映射): an old code (organization code, registration number or tax number) and its USCC, optionally name, source and date'
complete -c credit -n "__fish_credit_using_subcommand import; and not __fish_seen_subcommand_from penalties licenses subjects mappings help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from penalties" -l input-format -d 'The file\'s format [default: from the extension; csv for stdin]' -r -f -a "csv\t''
xlsx\t''
jsonl\t''"
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from penalties" -l encoding -d 'Text encoding: auto (UTF-8 with or without BOM, else GB18030), utf-8 or gb18030' -r -f -a "auto\t''
utf-8\t''
gb18030\t''"
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from penalties" -l sheet -d 'The sheet to read from an xlsx workbook [default: the first]' -r
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from penalties" -l rejects -d 'Write every rejected row to this CSV: the original columns plus _row, _column, _reason (never the file being imported or the store)' -r -F
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from penalties" -l db -d 'The store file. Example: --db /srv/credit/county.db' -r -F
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from penalties" -l format -d 'Output format: table for people, csv, json (one array) or jsonl (one object per line)' -r -f -a "table\t'Aligned columns for people'
csv\t'Comma-separated with a header row'
json\t'One JSON array (a single result: one object)'
jsonl\t'One JSON object per line'"
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from penalties" -l operator -d 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]' -r
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from penalties" -l dry-run -d 'Validate and count everything, then roll back: the store is not changed'
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from penalties" -l strict -d 'Commit nothing if any row is rejected (exit 1)'
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from penalties" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from penalties" -s y -l yes -d 'Answer yes to confirmations (needed for destructive steps without a terminal)'
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from penalties" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from licenses" -l input-format -d 'The file\'s format [default: from the extension; csv for stdin]' -r -f -a "csv\t''
xlsx\t''
jsonl\t''"
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from licenses" -l encoding -d 'Text encoding: auto (UTF-8 with or without BOM, else GB18030), utf-8 or gb18030' -r -f -a "auto\t''
utf-8\t''
gb18030\t''"
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from licenses" -l sheet -d 'The sheet to read from an xlsx workbook [default: the first]' -r
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from licenses" -l rejects -d 'Write every rejected row to this CSV: the original columns plus _row, _column, _reason (never the file being imported or the store)' -r -F
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from licenses" -l db -d 'The store file. Example: --db /srv/credit/county.db' -r -F
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from licenses" -l format -d 'Output format: table for people, csv, json (one array) or jsonl (one object per line)' -r -f -a "table\t'Aligned columns for people'
csv\t'Comma-separated with a header row'
json\t'One JSON array (a single result: one object)'
jsonl\t'One JSON object per line'"
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from licenses" -l operator -d 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]' -r
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from licenses" -l dry-run -d 'Validate and count everything, then roll back: the store is not changed'
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from licenses" -l strict -d 'Commit nothing if any row is rejected (exit 1)'
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from licenses" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from licenses" -s y -l yes -d 'Answer yes to confirmations (needed for destructive steps without a terminal)'
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from licenses" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from subjects" -l input-format -d 'The file\'s format [default: from the extension; csv for stdin]' -r -f -a "csv\t''
xlsx\t''
jsonl\t''"
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from subjects" -l encoding -d 'Text encoding: auto (UTF-8 with or without BOM, else GB18030), utf-8 or gb18030' -r -f -a "auto\t''
utf-8\t''
gb18030\t''"
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from subjects" -l sheet -d 'The sheet to read from an xlsx workbook [default: the first]' -r
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from subjects" -l rejects -d 'Write every rejected row to this CSV: the original columns plus _row, _column, _reason (never the file being imported or the store)' -r -F
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from subjects" -l db -d 'The store file. Example: --db /srv/credit/county.db' -r -F
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from subjects" -l format -d 'Output format: table for people, csv, json (one array) or jsonl (one object per line)' -r -f -a "table\t'Aligned columns for people'
csv\t'Comma-separated with a header row'
json\t'One JSON array (a single result: one object)'
jsonl\t'One JSON object per line'"
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from subjects" -l operator -d 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]' -r
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from subjects" -l dry-run -d 'Validate and count everything, then roll back: the store is not changed'
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from subjects" -l strict -d 'Commit nothing if any row is rejected (exit 1)'
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from subjects" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from subjects" -s y -l yes -d 'Answer yes to confirmations (needed for destructive steps without a terminal)'
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from subjects" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from mappings" -l input-format -d 'The file\'s format [default: from the extension; csv for stdin]' -r -f -a "csv\t''
xlsx\t''
jsonl\t''"
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from mappings" -l encoding -d 'Text encoding: auto (UTF-8 with or without BOM, else GB18030), utf-8 or gb18030' -r -f -a "auto\t''
utf-8\t''
gb18030\t''"
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from mappings" -l sheet -d 'The sheet to read from an xlsx workbook [default: the first]' -r
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from mappings" -l rejects -d 'Write every rejected row to this CSV: the original columns plus _row, _column, _reason (never the file being imported or the store)' -r -F
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from mappings" -l db -d 'The store file. Example: --db /srv/credit/county.db' -r -F
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from mappings" -l format -d 'Output format: table for people, csv, json (one array) or jsonl (one object per line)' -r -f -a "table\t'Aligned columns for people'
csv\t'Comma-separated with a header row'
json\t'One JSON array (a single result: one object)'
jsonl\t'One JSON object per line'"
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from mappings" -l operator -d 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]' -r
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from mappings" -l dry-run -d 'Validate and count everything, then roll back: the store is not changed'
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from mappings" -l strict -d 'Commit nothing if any row is rejected (exit 1)'
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from mappings" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from mappings" -s y -l yes -d 'Answer yes to confirmations (needed for destructive steps without a terminal)'
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from mappings" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "penalties" -d 'Import administrative penalties (行政处罚) in the national layout'
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "licenses" -d 'Import administrative licences (行政许可) in the national layout'
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "subjects" -d 'Import the registration authority\'s register of subjects (USCC, name, kind, legal representative, division, old codes, former names)'
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "mappings" -d 'Import the official old-code to USCC table (新旧代码映射): an old code (organization code, registration number or tax number) and its USCC, optionally name, source and date'
complete -c credit -n "__fish_credit_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credit -n "__fish_credit_using_subcommand records; and not __fish_seen_subcommand_from list help" -l db -d 'The store file. Example: --db /srv/credit/county.db' -r -F
complete -c credit -n "__fish_credit_using_subcommand records; and not __fish_seen_subcommand_from list help" -l format -d 'Output format: table for people, csv, json (one array) or jsonl (one object per line)' -r -f -a "table\t'Aligned columns for people'
csv\t'Comma-separated with a header row'
json\t'One JSON array (a single result: one object)'
jsonl\t'One JSON object per line'"
complete -c credit -n "__fish_credit_using_subcommand records; and not __fish_seen_subcommand_from list help" -l operator -d 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]' -r
complete -c credit -n "__fish_credit_using_subcommand records; and not __fish_seen_subcommand_from list help" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c credit -n "__fish_credit_using_subcommand records; and not __fish_seen_subcommand_from list help" -s y -l yes -d 'Answer yes to confirmations (needed for destructive steps without a terminal)'
complete -c credit -n "__fish_credit_using_subcommand records; and not __fish_seen_subcommand_from list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credit -n "__fish_credit_using_subcommand records; and not __fish_seen_subcommand_from list help" -f -a "list" -d 'List records, newest decision first'
complete -c credit -n "__fish_credit_using_subcommand records; and not __fish_seen_subcommand_from list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credit -n "__fish_credit_using_subcommand records; and __fish_seen_subcommand_from list" -l kind -d 'Only penalties or only licences' -r -f -a "penalty\t''
license\t''"
complete -c credit -n "__fish_credit_using_subcommand records; and __fish_seen_subcommand_from list" -l subject -d 'Only records about this subject (any code it carries, or its name)' -r
complete -c credit -n "__fish_credit_using_subcommand records; and __fish_seen_subcommand_from list" -l authority -d 'Only records decided by this authority (its USCC)' -r
complete -c credit -n "__fish_credit_using_subcommand records; and __fish_seen_subcommand_from list" -l from -d 'Decided on or after this date (YYYY-MM-DD)' -r
complete -c credit -n "__fish_credit_using_subcommand records; and __fish_seen_subcommand_from list" -l to -d 'Decided on or before this date (YYYY-MM-DD)' -r
complete -c credit -n "__fish_credit_using_subcommand records; and __fish_seen_subcommand_from list" -l limit -d 'At most N records' -r
complete -c credit -n "__fish_credit_using_subcommand records; and __fish_seen_subcommand_from list" -l db -d 'The store file. Example: --db /srv/credit/county.db' -r -F
complete -c credit -n "__fish_credit_using_subcommand records; and __fish_seen_subcommand_from list" -l format -d 'Output format: table for people, csv, json (one array) or jsonl (one object per line)' -r -f -a "table\t'Aligned columns for people'
csv\t'Comma-separated with a header row'
json\t'One JSON array (a single result: one object)'
jsonl\t'One JSON object per line'"
complete -c credit -n "__fish_credit_using_subcommand records; and __fish_seen_subcommand_from list" -l operator -d 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]' -r
complete -c credit -n "__fish_credit_using_subcommand records; and __fish_seen_subcommand_from list" -l reveal -d 'Show natural persons\' identity numbers in full (audited)'
complete -c credit -n "__fish_credit_using_subcommand records; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c credit -n "__fish_credit_using_subcommand records; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed for destructive steps without a terminal)'
complete -c credit -n "__fish_credit_using_subcommand records; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credit -n "__fish_credit_using_subcommand records; and __fish_seen_subcommand_from help" -f -a "list" -d 'List records, newest decision first'
complete -c credit -n "__fish_credit_using_subcommand records; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credit -n "__fish_credit_using_subcommand subject; and not __fish_seen_subcommand_from show help" -l db -d 'The store file. Example: --db /srv/credit/county.db' -r -F
complete -c credit -n "__fish_credit_using_subcommand subject; and not __fish_seen_subcommand_from show help" -l format -d 'Output format: table for people, csv, json (one array) or jsonl (one object per line)' -r -f -a "table\t'Aligned columns for people'
csv\t'Comma-separated with a header row'
json\t'One JSON array (a single result: one object)'
jsonl\t'One JSON object per line'"
complete -c credit -n "__fish_credit_using_subcommand subject; and not __fish_seen_subcommand_from show help" -l operator -d 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]' -r
complete -c credit -n "__fish_credit_using_subcommand subject; and not __fish_seen_subcommand_from show help" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c credit -n "__fish_credit_using_subcommand subject; and not __fish_seen_subcommand_from show help" -s y -l yes -d 'Answer yes to confirmations (needed for destructive steps without a terminal)'
complete -c credit -n "__fish_credit_using_subcommand subject; and not __fish_seen_subcommand_from show help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credit -n "__fish_credit_using_subcommand subject; and not __fish_seen_subcommand_from show help" -f -a "show" -d 'Show a subject found by any code it carries or by name: its codes, names and records, newest first'
complete -c credit -n "__fish_credit_using_subcommand subject; and not __fish_seen_subcommand_from show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credit -n "__fish_credit_using_subcommand subject; and __fish_seen_subcommand_from show" -l db -d 'The store file. Example: --db /srv/credit/county.db' -r -F
complete -c credit -n "__fish_credit_using_subcommand subject; and __fish_seen_subcommand_from show" -l format -d 'Output format: table for people, csv, json (one array) or jsonl (one object per line)' -r -f -a "table\t'Aligned columns for people'
csv\t'Comma-separated with a header row'
json\t'One JSON array (a single result: one object)'
jsonl\t'One JSON object per line'"
complete -c credit -n "__fish_credit_using_subcommand subject; and __fish_seen_subcommand_from show" -l operator -d 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]' -r
complete -c credit -n "__fish_credit_using_subcommand subject; and __fish_seen_subcommand_from show" -l reveal -d 'Show natural persons\' identity numbers in full (audited)'
complete -c credit -n "__fish_credit_using_subcommand subject; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c credit -n "__fish_credit_using_subcommand subject; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations (needed for destructive steps without a terminal)'
complete -c credit -n "__fish_credit_using_subcommand subject; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credit -n "__fish_credit_using_subcommand subject; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a subject found by any code it carries or by name: its codes, names and records, newest first'
complete -c credit -n "__fish_credit_using_subcommand subject; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credit -n "__fish_credit_using_subcommand resolve" -l name -d 'A name to suggest subjects by when a code does not resolve' -r
complete -c credit -n "__fish_credit_using_subcommand resolve" -l input -d 'Resolve the codes in a file (CSV, xlsx or JSON lines; \'-\' for stdin)' -r
complete -c credit -n "__fish_credit_using_subcommand resolve" -l column -d 'The column holding the codes' -r
complete -c credit -n "__fish_credit_using_subcommand resolve" -l name-column -d 'The column holding names, for suggestions' -r
complete -c credit -n "__fish_credit_using_subcommand resolve" -l output -d 'Where to write the resolved rows (`-`: stdout), never over the input or the store [default: stdout; xlsx needs a file]' -r -F
complete -c credit -n "__fish_credit_using_subcommand resolve" -l input-format -d 'The input\'s format [default: from the extension]' -r -f -a "csv\t''
xlsx\t''
jsonl\t''"
complete -c credit -n "__fish_credit_using_subcommand resolve" -l encoding -d 'Text encoding of the input: auto, utf-8 or gb18030' -r -f -a "auto\t''
utf-8\t''
gb18030\t''"
complete -c credit -n "__fish_credit_using_subcommand resolve" -l db -d 'The store file. Example: --db /srv/credit/county.db' -r -F
complete -c credit -n "__fish_credit_using_subcommand resolve" -l format -d 'Output format: table for people, csv, json (one array) or jsonl (one object per line)' -r -f -a "table\t'Aligned columns for people'
csv\t'Comma-separated with a header row'
json\t'One JSON array (a single result: one object)'
jsonl\t'One JSON object per line'"
complete -c credit -n "__fish_credit_using_subcommand resolve" -l operator -d 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]' -r
complete -c credit -n "__fish_credit_using_subcommand resolve" -l apply -d 'Merge subjects known only by old codes into the subject with their USCC (asks first on a terminal; --yes to run unattended)'
complete -c credit -n "__fish_credit_using_subcommand resolve" -l dry-run -d 'With --apply: report what would be merged and change nothing'
complete -c credit -n "__fish_credit_using_subcommand resolve" -l status -d 'How many subjects have a USCC, how many only old codes, how many of those resolve, and the mapping conflicts'
complete -c credit -n "__fish_credit_using_subcommand resolve" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c credit -n "__fish_credit_using_subcommand resolve" -s y -l yes -d 'Answer yes to confirmations (needed for destructive steps without a terminal)'
complete -c credit -n "__fish_credit_using_subcommand resolve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credit -n "__fish_credit_using_subcommand code; and not __fish_seen_subcommand_from check help" -l db -d 'The store file. Example: --db /srv/credit/county.db' -r -F
complete -c credit -n "__fish_credit_using_subcommand code; and not __fish_seen_subcommand_from check help" -l format -d 'Output format: table for people, csv, json (one array) or jsonl (one object per line)' -r -f -a "table\t'Aligned columns for people'
csv\t'Comma-separated with a header row'
json\t'One JSON array (a single result: one object)'
jsonl\t'One JSON object per line'"
complete -c credit -n "__fish_credit_using_subcommand code; and not __fish_seen_subcommand_from check help" -l operator -d 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]' -r
complete -c credit -n "__fish_credit_using_subcommand code; and not __fish_seen_subcommand_from check help" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c credit -n "__fish_credit_using_subcommand code; and not __fish_seen_subcommand_from check help" -s y -l yes -d 'Answer yes to confirmations (needed for destructive steps without a terminal)'
complete -c credit -n "__fish_credit_using_subcommand code; and not __fish_seen_subcommand_from check help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credit -n "__fish_credit_using_subcommand code; and not __fish_seen_subcommand_from check help" -f -a "check" -d 'Check codes given as arguments or in a CSV column; exit 3 when any is invalid'
complete -c credit -n "__fish_credit_using_subcommand code; and not __fish_seen_subcommand_from check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credit -n "__fish_credit_using_subcommand code; and __fish_seen_subcommand_from check" -l input -d 'Read codes from a CSV file (UTF-8 or GB18030; \'-\' for stdin)' -r
complete -c credit -n "__fish_credit_using_subcommand code; and __fish_seen_subcommand_from check" -l column -d 'The header of the column holding the codes' -r
complete -c credit -n "__fish_credit_using_subcommand code; and __fish_seen_subcommand_from check" -l kind -d 'Check every code as this kind instead of detecting it' -r -f -a "uscc\t''
org-code\t''
reg-no\t''
resident-id\t''"
complete -c credit -n "__fish_credit_using_subcommand code; and __fish_seen_subcommand_from check" -l db -d 'The store file. Example: --db /srv/credit/county.db' -r -F
complete -c credit -n "__fish_credit_using_subcommand code; and __fish_seen_subcommand_from check" -l format -d 'Output format: table for people, csv, json (one array) or jsonl (one object per line)' -r -f -a "table\t'Aligned columns for people'
csv\t'Comma-separated with a header row'
json\t'One JSON array (a single result: one object)'
jsonl\t'One JSON object per line'"
complete -c credit -n "__fish_credit_using_subcommand code; and __fish_seen_subcommand_from check" -l operator -d 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]' -r
complete -c credit -n "__fish_credit_using_subcommand code; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print no messages on stderr, only data and errors'
complete -c credit -n "__fish_credit_using_subcommand code; and __fish_seen_subcommand_from check" -s y -l yes -d 'Answer yes to confirmations (needed for destructive steps without a terminal)'
complete -c credit -n "__fish_credit_using_subcommand code; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c credit -n "__fish_credit_using_subcommand code; and __fish_seen_subcommand_from help" -f -a "check" -d 'Check codes given as arguments or in a CSV column; exit 3 when any is invalid'
complete -c credit -n "__fish_credit_using_subcommand code; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
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
complete -c credit -n "__fish_credit_using_subcommand db; and not __fish_seen_subcommand_from status upgrade check help" -f -a "check" -d 'Check the file\'s integrity, references between rows, every record against its content hash, and the audit chain; exit 1 when any fails'
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
complete -c credit -n "__fish_credit_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "check" -d 'Check the file\'s integrity, references between rows, every record against its content hash, and the audit chain; exit 1 when any fails'
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
complete -c credit -n "__fish_credit_using_subcommand help; and not __fish_seen_subcommand_from init import records subject resolve code db audit completions man help" -f -a "init" -d 'Create the store file (mode 0600) and its tables. Running it again on an existing store changes nothing and succeeds'
complete -c credit -n "__fish_credit_using_subcommand help; and not __fish_seen_subcommand_from init import records subject resolve code db audit completions man help" -f -a "import" -d 'Import 双公示 records and registers (CSV in UTF-8 or GBK, xlsx, JSON lines)'
complete -c credit -n "__fish_credit_using_subcommand help; and not __fish_seen_subcommand_from init import records subject resolve code db audit completions man help" -f -a "records" -d 'Look at imported 双公示 records'
complete -c credit -n "__fish_credit_using_subcommand help; and not __fish_seen_subcommand_from init import records subject resolve code db audit completions man help" -f -a "subject" -d 'Subjects (信用主体)'
complete -c credit -n "__fish_credit_using_subcommand help; and not __fish_seen_subcommand_from init import records subject resolve code db audit completions man help" -f -a "resolve" -d 'Resolve old codes to unified social credit codes, explaining each answer'
complete -c credit -n "__fish_credit_using_subcommand help; and not __fish_seen_subcommand_from init import records subject resolve code db audit completions man help" -f -a "code" -d 'Identifier codes: USCC, organization code, registration number, resident id'
complete -c credit -n "__fish_credit_using_subcommand help; and not __fish_seen_subcommand_from init import records subject resolve code db audit completions man help" -f -a "db" -d 'Look after the store file'
complete -c credit -n "__fish_credit_using_subcommand help; and not __fish_seen_subcommand_from init import records subject resolve code db audit completions man help" -f -a "audit" -d 'Read and verify the audit chain'
complete -c credit -n "__fish_credit_using_subcommand help; and not __fish_seen_subcommand_from init import records subject resolve code db audit completions man help" -f -a "completions" -d 'Print the completion script for a shell'
complete -c credit -n "__fish_credit_using_subcommand help; and not __fish_seen_subcommand_from init import records subject resolve code db audit completions man help" -f -a "man" -d 'Write man pages (credit.1, credit-import.1, ...) into a directory'
complete -c credit -n "__fish_credit_using_subcommand help; and not __fish_seen_subcommand_from init import records subject resolve code db audit completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c credit -n "__fish_credit_using_subcommand help; and __fish_seen_subcommand_from import" -f -a "penalties" -d 'Import administrative penalties (行政处罚) in the national layout'
complete -c credit -n "__fish_credit_using_subcommand help; and __fish_seen_subcommand_from import" -f -a "licenses" -d 'Import administrative licences (行政许可) in the national layout'
complete -c credit -n "__fish_credit_using_subcommand help; and __fish_seen_subcommand_from import" -f -a "subjects" -d 'Import the registration authority\'s register of subjects (USCC, name, kind, legal representative, division, old codes, former names)'
complete -c credit -n "__fish_credit_using_subcommand help; and __fish_seen_subcommand_from import" -f -a "mappings" -d 'Import the official old-code to USCC table (新旧代码映射): an old code (organization code, registration number or tax number) and its USCC, optionally name, source and date'
complete -c credit -n "__fish_credit_using_subcommand help; and __fish_seen_subcommand_from records" -f -a "list" -d 'List records, newest decision first'
complete -c credit -n "__fish_credit_using_subcommand help; and __fish_seen_subcommand_from subject" -f -a "show" -d 'Show a subject found by any code it carries or by name: its codes, names and records, newest first'
complete -c credit -n "__fish_credit_using_subcommand help; and __fish_seen_subcommand_from code" -f -a "check" -d 'Check codes given as arguments or in a CSV column; exit 3 when any is invalid'
complete -c credit -n "__fish_credit_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "status" -d 'Path, schema version and rows per table'
complete -c credit -n "__fish_credit_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "upgrade" -d 'Apply the migrations this binary has and the store lacks (back up first)'
complete -c credit -n "__fish_credit_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "check" -d 'Check the file\'s integrity, references between rows, every record against its content hash, and the audit chain; exit 1 when any fails'
complete -c credit -n "__fish_credit_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "log" -d 'List audit events, oldest first'
complete -c credit -n "__fish_credit_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "verify" -d 'Recompute the chain; exit 1 naming the first edited, deleted or reordered event'
