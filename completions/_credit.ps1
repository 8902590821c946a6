
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
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import 双公示 records and registers (CSV in UTF-8 or GBK, xlsx, JSON lines)')
            [CompletionResult]::new('records', 'records', [CompletionResultType]::ParameterValue, 'Look at imported 双公示 records')
            [CompletionResult]::new('subject', 'subject', [CompletionResultType]::ParameterValue, 'Subjects (信用主体)')
            [CompletionResult]::new('resolve', 'resolve', [CompletionResultType]::ParameterValue, 'Resolve old codes to unified social credit codes, explaining each answer')
            [CompletionResult]::new('code', 'code', [CompletionResultType]::ParameterValue, 'Identifier codes: USCC, organization code, registration number, resident id')
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
        'credit;import' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file. Example: --db /srv/credit/county.db')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, csv, json (one array) or jsonl (one object per line)')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('penalties', 'penalties', [CompletionResultType]::ParameterValue, 'Import administrative penalties (行政处罚) in the national layout')
            [CompletionResult]::new('licenses', 'licenses', [CompletionResultType]::ParameterValue, 'Import administrative licences (行政许可) in the national layout')
            [CompletionResult]::new('subjects', 'subjects', [CompletionResultType]::ParameterValue, 'Import the registration authority''s register of subjects (USCC, name, kind, legal representative, division, old codes, former names)')
            [CompletionResult]::new('mappings', 'mappings', [CompletionResultType]::ParameterValue, 'Import the official old-code to USCC table (新旧代码映射): an old code (organization code, registration number or tax number) and its USCC, optionally name, source and date')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'credit;import;penalties' {
            [CompletionResult]::new('--input-format', '--input-format', [CompletionResultType]::ParameterName, 'The file''s format [default: from the extension; csv for stdin]')
            [CompletionResult]::new('--encoding', '--encoding', [CompletionResultType]::ParameterName, 'Text encoding: auto (UTF-8 with or without BOM, else GB18030), utf-8 or gb18030')
            [CompletionResult]::new('--sheet', '--sheet', [CompletionResultType]::ParameterName, 'The sheet to read from an xlsx workbook [default: the first]')
            [CompletionResult]::new('--rejects', '--rejects', [CompletionResultType]::ParameterName, 'Write every rejected row to this CSV: the original columns plus _row, _column, _reason (never the file being imported or the store)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file. Example: --db /srv/credit/county.db')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, csv, json (one array) or jsonl (one object per line)')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and count everything, then roll back: the store is not changed')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Commit nothing if any row is rejected (exit 1)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'credit;import;licenses' {
            [CompletionResult]::new('--input-format', '--input-format', [CompletionResultType]::ParameterName, 'The file''s format [default: from the extension; csv for stdin]')
            [CompletionResult]::new('--encoding', '--encoding', [CompletionResultType]::ParameterName, 'Text encoding: auto (UTF-8 with or without BOM, else GB18030), utf-8 or gb18030')
            [CompletionResult]::new('--sheet', '--sheet', [CompletionResultType]::ParameterName, 'The sheet to read from an xlsx workbook [default: the first]')
            [CompletionResult]::new('--rejects', '--rejects', [CompletionResultType]::ParameterName, 'Write every rejected row to this CSV: the original columns plus _row, _column, _reason (never the file being imported or the store)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file. Example: --db /srv/credit/county.db')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, csv, json (one array) or jsonl (one object per line)')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and count everything, then roll back: the store is not changed')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Commit nothing if any row is rejected (exit 1)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'credit;import;subjects' {
            [CompletionResult]::new('--input-format', '--input-format', [CompletionResultType]::ParameterName, 'The file''s format [default: from the extension; csv for stdin]')
            [CompletionResult]::new('--encoding', '--encoding', [CompletionResultType]::ParameterName, 'Text encoding: auto (UTF-8 with or without BOM, else GB18030), utf-8 or gb18030')
            [CompletionResult]::new('--sheet', '--sheet', [CompletionResultType]::ParameterName, 'The sheet to read from an xlsx workbook [default: the first]')
            [CompletionResult]::new('--rejects', '--rejects', [CompletionResultType]::ParameterName, 'Write every rejected row to this CSV: the original columns plus _row, _column, _reason (never the file being imported or the store)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file. Example: --db /srv/credit/county.db')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, csv, json (one array) or jsonl (one object per line)')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and count everything, then roll back: the store is not changed')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Commit nothing if any row is rejected (exit 1)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'credit;import;mappings' {
            [CompletionResult]::new('--input-format', '--input-format', [CompletionResultType]::ParameterName, 'The file''s format [default: from the extension; csv for stdin]')
            [CompletionResult]::new('--encoding', '--encoding', [CompletionResultType]::ParameterName, 'Text encoding: auto (UTF-8 with or without BOM, else GB18030), utf-8 or gb18030')
            [CompletionResult]::new('--sheet', '--sheet', [CompletionResultType]::ParameterName, 'The sheet to read from an xlsx workbook [default: the first]')
            [CompletionResult]::new('--rejects', '--rejects', [CompletionResultType]::ParameterName, 'Write every rejected row to this CSV: the original columns plus _row, _column, _reason (never the file being imported or the store)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file. Example: --db /srv/credit/county.db')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, csv, json (one array) or jsonl (one object per line)')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and count everything, then roll back: the store is not changed')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Commit nothing if any row is rejected (exit 1)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'credit;import;help' {
            [CompletionResult]::new('penalties', 'penalties', [CompletionResultType]::ParameterValue, 'Import administrative penalties (行政处罚) in the national layout')
            [CompletionResult]::new('licenses', 'licenses', [CompletionResultType]::ParameterValue, 'Import administrative licences (行政许可) in the national layout')
            [CompletionResult]::new('subjects', 'subjects', [CompletionResultType]::ParameterValue, 'Import the registration authority''s register of subjects (USCC, name, kind, legal representative, division, old codes, former names)')
            [CompletionResult]::new('mappings', 'mappings', [CompletionResultType]::ParameterValue, 'Import the official old-code to USCC table (新旧代码映射): an old code (organization code, registration number or tax number) and its USCC, optionally name, source and date')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'credit;import;help;penalties' {
            break
        }
        'credit;import;help;licenses' {
            break
        }
        'credit;import;help;subjects' {
            break
        }
        'credit;import;help;mappings' {
            break
        }
        'credit;import;help;help' {
            break
        }
        'credit;records' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file. Example: --db /srv/credit/county.db')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, csv, json (one array) or jsonl (one object per line)')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List records, newest decision first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'credit;records;list' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Only penalties or only licences')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'Only records about this subject (any code it carries, or its name)')
            [CompletionResult]::new('--authority', '--authority', [CompletionResultType]::ParameterName, 'Only records decided by this authority (its USCC)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Decided on or after this date (YYYY-MM-DD)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Decided on or before this date (YYYY-MM-DD)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most N records')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file. Example: --db /srv/credit/county.db')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, csv, json (one array) or jsonl (one object per line)')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]')
            [CompletionResult]::new('--reveal', '--reveal', [CompletionResultType]::ParameterName, 'Show natural persons'' identity numbers in full (audited)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'credit;records;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List records, newest decision first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'credit;records;help;list' {
            break
        }
        'credit;records;help;help' {
            break
        }
        'credit;subject' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file. Example: --db /srv/credit/county.db')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, csv, json (one array) or jsonl (one object per line)')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a subject found by any code it carries or by name: its codes, names and records, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'credit;subject;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file. Example: --db /srv/credit/county.db')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, csv, json (one array) or jsonl (one object per line)')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]')
            [CompletionResult]::new('--reveal', '--reveal', [CompletionResultType]::ParameterName, 'Show natural persons'' identity numbers in full (audited)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'credit;subject;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a subject found by any code it carries or by name: its codes, names and records, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'credit;subject;help;show' {
            break
        }
        'credit;subject;help;help' {
            break
        }
        'credit;resolve' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'A name to suggest subjects by when a code does not resolve')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'Resolve the codes in a file (CSV, xlsx or JSON lines; ''-'' for stdin)')
            [CompletionResult]::new('--column', '--column', [CompletionResultType]::ParameterName, 'The column holding the codes')
            [CompletionResult]::new('--name-column', '--name-column', [CompletionResultType]::ParameterName, 'The column holding names, for suggestions')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Where to write the resolved rows (`-`: stdout), never over the input or the store [default: stdout; xlsx needs a file]')
            [CompletionResult]::new('--input-format', '--input-format', [CompletionResultType]::ParameterName, 'The input''s format [default: from the extension]')
            [CompletionResult]::new('--encoding', '--encoding', [CompletionResultType]::ParameterName, 'Text encoding of the input: auto, utf-8 or gb18030')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file. Example: --db /srv/credit/county.db')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, csv, json (one array) or jsonl (one object per line)')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]')
            [CompletionResult]::new('--apply', '--apply', [CompletionResultType]::ParameterName, 'Merge subjects known only by old codes into the subject with their USCC (asks first on a terminal; --yes to run unattended)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'With --apply: report what would be merged and change nothing')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'How many subjects have a USCC, how many only old codes, how many of those resolve, and the mapping conflicts')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'credit;code' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store file. Example: --db /srv/credit/county.db')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: table for people, csv, json (one array) or jsonl (one object per line)')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only data and errors')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed for destructive steps without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check codes given as arguments or in a CSV column; exit 3 when any is invalid')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'credit;code;check' {
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'Read codes from a CSV file (UTF-8 or GB18030; ''-'' for stdin)')
            [CompletionResult]::new('--column', '--column', [CompletionResultType]::ParameterName, 'The header of the column holding the codes')
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Check every code as this kind instead of detecting it')
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
        'credit;code;help' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check codes given as arguments or in a CSV column; exit 3 when any is invalid')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'credit;code;help;check' {
            break
        }
        'credit;code;help;help' {
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
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the file''s integrity, references between rows, every record against its content hash, and the audit chain; exit 1 when any fails')
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
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the file''s integrity, references between rows, every record against its content hash, and the audit chain; exit 1 when any fails')
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
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import 双公示 records and registers (CSV in UTF-8 or GBK, xlsx, JSON lines)')
            [CompletionResult]::new('records', 'records', [CompletionResultType]::ParameterValue, 'Look at imported 双公示 records')
            [CompletionResult]::new('subject', 'subject', [CompletionResultType]::ParameterValue, 'Subjects (信用主体)')
            [CompletionResult]::new('resolve', 'resolve', [CompletionResultType]::ParameterValue, 'Resolve old codes to unified social credit codes, explaining each answer')
            [CompletionResult]::new('code', 'code', [CompletionResultType]::ParameterValue, 'Identifier codes: USCC, organization code, registration number, resident id')
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
        'credit;help;import' {
            [CompletionResult]::new('penalties', 'penalties', [CompletionResultType]::ParameterValue, 'Import administrative penalties (行政处罚) in the national layout')
            [CompletionResult]::new('licenses', 'licenses', [CompletionResultType]::ParameterValue, 'Import administrative licences (行政许可) in the national layout')
            [CompletionResult]::new('subjects', 'subjects', [CompletionResultType]::ParameterValue, 'Import the registration authority''s register of subjects (USCC, name, kind, legal representative, division, old codes, former names)')
            [CompletionResult]::new('mappings', 'mappings', [CompletionResultType]::ParameterValue, 'Import the official old-code to USCC table (新旧代码映射): an old code (organization code, registration number or tax number) and its USCC, optionally name, source and date')
            break
        }
        'credit;help;import;penalties' {
            break
        }
        'credit;help;import;licenses' {
            break
        }
        'credit;help;import;subjects' {
            break
        }
        'credit;help;import;mappings' {
            break
        }
        'credit;help;records' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List records, newest decision first')
            break
        }
        'credit;help;records;list' {
            break
        }
        'credit;help;subject' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a subject found by any code it carries or by name: its codes, names and records, newest first')
            break
        }
        'credit;help;subject;show' {
            break
        }
        'credit;help;resolve' {
            break
        }
        'credit;help;code' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check codes given as arguments or in a CSV column; exit 3 when any is invalid')
            break
        }
        'credit;help;code;check' {
            break
        }
        'credit;help;db' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Path, schema version and rows per table')
            [CompletionResult]::new('upgrade', 'upgrade', [CompletionResultType]::ParameterValue, 'Apply the migrations this binary has and the store lacks (back up first)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the file''s integrity, references between rows, every record against its content hash, and the audit chain; exit 1 when any fails')
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
