
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'credit' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'credit'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'credit' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file. Example: --db /srv/credit/county.db')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, csv, json (one array) or jsonl (one object per line)')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the store file (mode 0600) and its tables. Running it again on an existing store changes nothing and succeeds')
            [CompletionResult]::new('db', 'db', [CompletionResultType]::ParameterValue, 'Look after the store file')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Read and verify the audit chain')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script for a shell')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Write man pages (credit.1, credit-import.1, ...) into a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'credit;init' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file. Example: --db /srv/credit/county.db')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, csv, json (one array) or jsonl (one object per line)')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'credit;db' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file. Example: --db /srv/credit/county.db')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, csv, json (one array) or jsonl (one object per line)')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Path, schema version and rows per table')
            [CompletionResult]::new('upgrade', 'upgrade', [CompletionResultType]::ParameterValue, 'Apply the migrations this binary has and the store lacks (back up first)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the file''s integrity and the audit chain; exit 1 when either fails')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'credit;db;status' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file. Example: --db /srv/credit/county.db')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, csv, json (one array) or jsonl (one object per line)')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'credit;db;upgrade' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file. Example: --db /srv/credit/county.db')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, csv, json (one array) or jsonl (one object per line)')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'credit;db;check' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file. Example: --db /srv/credit/county.db')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, csv, json (one array) or jsonl (one object per line)')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'credit;db;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Path, schema version and rows per table')
            [CompletionResult]::new('upgrade', 'upgrade', [CompletionResultType]::ParameterValue, 'Apply the migrations this binary has and the store lacks (back up first)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the file''s integrity and the audit chain; exit 1 when either fails')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'credit;db;help;status' {
            break
        }
        'credit;db;help;upgrade' {
            break
        }
        'credit;db;help;check' {
            break
        }
        'credit;db;help;help' {
            break
        }
        'credit;audit' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file. Example: --db /srv/credit/county.db')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, csv, json (one array) or jsonl (one object per line)')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'List audit events, oldest first')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Recompute the chain; exit 1 naming the first edited, deleted or reordered event')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'credit;audit;log' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show only the newest N events')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file. Example: --db /srv/credit/county.db')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, csv, json (one array) or jsonl (one object per line)')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'credit;audit;verify' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file. Example: --db /srv/credit/county.db')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, csv, json (one array) or jsonl (one object per line)')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'credit;audit;help' {
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'List audit events, oldest first')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Recompute the chain; exit 1 naming the first edited, deleted or reordered event')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'credit;audit;help;log' {
            break
        }
        'credit;audit;help;verify' {
            break
        }
        'credit;audit;help;help' {
            break
        }
        'credit;completions' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file. Example: --db /srv/credit/county.db')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, csv, json (one array) or jsonl (one object per line)')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'credit;man' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file. Example: --db /srv/credit/county.db')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, csv, json (one array) or jsonl (one object per line)')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'credit;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the store file (mode 0600) and its tables. Running it again on an existing store changes nothing and succeeds')
            [CompletionResult]::new('db', 'db', [CompletionResultType]::ParameterValue, 'Look after the store file')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Read and verify the audit chain')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script for a shell')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Write man pages (credit.1, credit-import.1, ...) into a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'credit;help;init' {
            break
        }
        'credit;help;db' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Path, schema version and rows per table')
            [CompletionResult]::new('upgrade', 'upgrade', [CompletionResultType]::ParameterValue, 'Apply the migrations this binary has and the store lacks (back up first)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the file''s integrity and the audit chain; exit 1 when either fails')
            break
        }
        'credit;help;db;status' {
            break
        }
        'credit;help;db;upgrade' {
            break
        }
        'credit;help;db;check' {
            break
        }
        'credit;help;audit' {
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'List audit events, oldest first')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Recompute the chain; exit 1 naming the first edited, deleted or reordered event')
            break
        }
        'credit;help;audit;log' {
            break
        }
        'credit;help;audit;verify' {
            break
        }
        'credit;help;completions' {
            break
        }
        'credit;help;man' {
            break
        }
        'credit;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
