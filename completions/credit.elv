
use builtin;
use str;

set edit:completion:arg-completer[credit] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'credit'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'credit'= {
            cand --db 'The store file. Example: --db /srv/credit/county.db'
            cand --format 'Output format: table for people, csv, json (one array) or jsonl (one object per line)'
            cand --operator 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]'
            cand -q 'Print no messages on stderr, only data and errors'
            cand --quiet 'Print no messages on stderr, only data and errors'
            cand -y 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create the store file (mode 0600) and its tables. Running it again on an existing store changes nothing and succeeds'
            cand db 'Look after the store file'
            cand audit 'Read and verify the audit chain'
            cand completions 'Print the completion script for a shell'
            cand man 'Write man pages (credit.1, credit-import.1, ...) into a directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'credit;init'= {
            cand --db 'The store file. Example: --db /srv/credit/county.db'
            cand --format 'Output format: table for people, csv, json (one array) or jsonl (one object per line)'
            cand --operator 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]'
            cand -q 'Print no messages on stderr, only data and errors'
            cand --quiet 'Print no messages on stderr, only data and errors'
            cand -y 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'credit;db'= {
            cand --db 'The store file. Example: --db /srv/credit/county.db'
            cand --format 'Output format: table for people, csv, json (one array) or jsonl (one object per line)'
            cand --operator 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]'
            cand -q 'Print no messages on stderr, only data and errors'
            cand --quiet 'Print no messages on stderr, only data and errors'
            cand -y 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand status 'Path, schema version and rows per table'
            cand upgrade 'Apply the migrations this binary has and the store lacks (back up first)'
            cand check 'Check the file''s integrity and the audit chain; exit 1 when either fails'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'credit;db;status'= {
            cand --db 'The store file. Example: --db /srv/credit/county.db'
            cand --format 'Output format: table for people, csv, json (one array) or jsonl (one object per line)'
            cand --operator 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]'
            cand -q 'Print no messages on stderr, only data and errors'
            cand --quiet 'Print no messages on stderr, only data and errors'
            cand -y 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'credit;db;upgrade'= {
            cand --db 'The store file. Example: --db /srv/credit/county.db'
            cand --format 'Output format: table for people, csv, json (one array) or jsonl (one object per line)'
            cand --operator 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]'
            cand -q 'Print no messages on stderr, only data and errors'
            cand --quiet 'Print no messages on stderr, only data and errors'
            cand -y 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'credit;db;check'= {
            cand --db 'The store file. Example: --db /srv/credit/county.db'
            cand --format 'Output format: table for people, csv, json (one array) or jsonl (one object per line)'
            cand --operator 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]'
            cand -q 'Print no messages on stderr, only data and errors'
            cand --quiet 'Print no messages on stderr, only data and errors'
            cand -y 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'credit;db;help'= {
            cand status 'Path, schema version and rows per table'
            cand upgrade 'Apply the migrations this binary has and the store lacks (back up first)'
            cand check 'Check the file''s integrity and the audit chain; exit 1 when either fails'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'credit;db;help;status'= {
        }
        &'credit;db;help;upgrade'= {
        }
        &'credit;db;help;check'= {
        }
        &'credit;db;help;help'= {
        }
        &'credit;audit'= {
            cand --db 'The store file. Example: --db /srv/credit/county.db'
            cand --format 'Output format: table for people, csv, json (one array) or jsonl (one object per line)'
            cand --operator 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]'
            cand -q 'Print no messages on stderr, only data and errors'
            cand --quiet 'Print no messages on stderr, only data and errors'
            cand -y 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand log 'List audit events, oldest first'
            cand verify 'Recompute the chain; exit 1 naming the first edited, deleted or reordered event'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'credit;audit;log'= {
            cand --limit 'Show only the newest N events'
            cand --db 'The store file. Example: --db /srv/credit/county.db'
            cand --format 'Output format: table for people, csv, json (one array) or jsonl (one object per line)'
            cand --operator 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]'
            cand -q 'Print no messages on stderr, only data and errors'
            cand --quiet 'Print no messages on stderr, only data and errors'
            cand -y 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'credit;audit;verify'= {
            cand --db 'The store file. Example: --db /srv/credit/county.db'
            cand --format 'Output format: table for people, csv, json (one array) or jsonl (one object per line)'
            cand --operator 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]'
            cand -q 'Print no messages on stderr, only data and errors'
            cand --quiet 'Print no messages on stderr, only data and errors'
            cand -y 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'credit;audit;help'= {
            cand log 'List audit events, oldest first'
            cand verify 'Recompute the chain; exit 1 naming the first edited, deleted or reordered event'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'credit;audit;help;log'= {
        }
        &'credit;audit;help;verify'= {
        }
        &'credit;audit;help;help'= {
        }
        &'credit;completions'= {
            cand --db 'The store file. Example: --db /srv/credit/county.db'
            cand --format 'Output format: table for people, csv, json (one array) or jsonl (one object per line)'
            cand --operator 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]'
            cand -q 'Print no messages on stderr, only data and errors'
            cand --quiet 'Print no messages on stderr, only data and errors'
            cand -y 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'credit;man'= {
            cand --db 'The store file. Example: --db /srv/credit/county.db'
            cand --format 'Output format: table for people, csv, json (one array) or jsonl (one object per line)'
            cand --operator 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]'
            cand -q 'Print no messages on stderr, only data and errors'
            cand --quiet 'Print no messages on stderr, only data and errors'
            cand -y 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'credit;help'= {
            cand init 'Create the store file (mode 0600) and its tables. Running it again on an existing store changes nothing and succeeds'
            cand db 'Look after the store file'
            cand audit 'Read and verify the audit chain'
            cand completions 'Print the completion script for a shell'
            cand man 'Write man pages (credit.1, credit-import.1, ...) into a directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'credit;help;init'= {
        }
        &'credit;help;db'= {
            cand status 'Path, schema version and rows per table'
            cand upgrade 'Apply the migrations this binary has and the store lacks (back up first)'
            cand check 'Check the file''s integrity and the audit chain; exit 1 when either fails'
        }
        &'credit;help;db;status'= {
        }
        &'credit;help;db;upgrade'= {
        }
        &'credit;help;db;check'= {
        }
        &'credit;help;audit'= {
            cand log 'List audit events, oldest first'
            cand verify 'Recompute the chain; exit 1 naming the first edited, deleted or reordered event'
        }
        &'credit;help;audit;log'= {
        }
        &'credit;help;audit;verify'= {
        }
        &'credit;help;completions'= {
        }
        &'credit;help;man'= {
        }
        &'credit;help;help'= {
        }
    ]
    $completions[$command]
}
