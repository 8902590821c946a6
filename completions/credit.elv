
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
            cand import 'Import 双公示 records and registers (CSV in UTF-8 or GBK, xlsx, JSON lines)'
            cand records 'Look at imported 双公示 records'
            cand subject 'Subjects (信用主体)'
            cand resolve 'Resolve old codes to unified social credit codes, explaining each answer'
            cand code 'Identifier codes: USCC, organization code, registration number, resident id'
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
        &'credit;import'= {
            cand --db 'The store file. Example: --db /srv/credit/county.db'
            cand --format 'Output format: table for people, csv, json (one array) or jsonl (one object per line)'
            cand --operator 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]'
            cand -q 'Print no messages on stderr, only data and errors'
            cand --quiet 'Print no messages on stderr, only data and errors'
            cand -y 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand penalties 'Import administrative penalties (行政处罚) in the national layout'
            cand licenses 'Import administrative licences (行政许可) in the national layout'
            cand subjects 'Import the registration authority''s register of subjects (USCC, name, kind, legal representative, division, old codes, former names)'
            cand mappings 'Import the official old-code to USCC table (新旧代码映射): an old code (organization code, registration number or tax number) and its USCC, optionally name, source and date'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'credit;import;penalties'= {
            cand --input-format 'The file''s format [default: from the extension; csv for stdin]'
            cand --encoding 'Text encoding: auto (UTF-8 with or without BOM, else GB18030), utf-8 or gb18030'
            cand --sheet 'The sheet to read from an xlsx workbook [default: the first]'
            cand --rejects 'Write every rejected row to this CSV: the original columns plus _row, _column, _reason (never the file being imported or the store)'
            cand --db 'The store file. Example: --db /srv/credit/county.db'
            cand --format 'Output format: table for people, csv, json (one array) or jsonl (one object per line)'
            cand --operator 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]'
            cand --dry-run 'Validate and count everything, then roll back: the store is not changed'
            cand --strict 'Commit nothing if any row is rejected (exit 1)'
            cand -q 'Print no messages on stderr, only data and errors'
            cand --quiet 'Print no messages on stderr, only data and errors'
            cand -y 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'credit;import;licenses'= {
            cand --input-format 'The file''s format [default: from the extension; csv for stdin]'
            cand --encoding 'Text encoding: auto (UTF-8 with or without BOM, else GB18030), utf-8 or gb18030'
            cand --sheet 'The sheet to read from an xlsx workbook [default: the first]'
            cand --rejects 'Write every rejected row to this CSV: the original columns plus _row, _column, _reason (never the file being imported or the store)'
            cand --db 'The store file. Example: --db /srv/credit/county.db'
            cand --format 'Output format: table for people, csv, json (one array) or jsonl (one object per line)'
            cand --operator 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]'
            cand --dry-run 'Validate and count everything, then roll back: the store is not changed'
            cand --strict 'Commit nothing if any row is rejected (exit 1)'
            cand -q 'Print no messages on stderr, only data and errors'
            cand --quiet 'Print no messages on stderr, only data and errors'
            cand -y 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'credit;import;subjects'= {
            cand --input-format 'The file''s format [default: from the extension; csv for stdin]'
            cand --encoding 'Text encoding: auto (UTF-8 with or without BOM, else GB18030), utf-8 or gb18030'
            cand --sheet 'The sheet to read from an xlsx workbook [default: the first]'
            cand --rejects 'Write every rejected row to this CSV: the original columns plus _row, _column, _reason (never the file being imported or the store)'
            cand --db 'The store file. Example: --db /srv/credit/county.db'
            cand --format 'Output format: table for people, csv, json (one array) or jsonl (one object per line)'
            cand --operator 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]'
            cand --dry-run 'Validate and count everything, then roll back: the store is not changed'
            cand --strict 'Commit nothing if any row is rejected (exit 1)'
            cand -q 'Print no messages on stderr, only data and errors'
            cand --quiet 'Print no messages on stderr, only data and errors'
            cand -y 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'credit;import;mappings'= {
            cand --input-format 'The file''s format [default: from the extension; csv for stdin]'
            cand --encoding 'Text encoding: auto (UTF-8 with or without BOM, else GB18030), utf-8 or gb18030'
            cand --sheet 'The sheet to read from an xlsx workbook [default: the first]'
            cand --rejects 'Write every rejected row to this CSV: the original columns plus _row, _column, _reason (never the file being imported or the store)'
            cand --db 'The store file. Example: --db /srv/credit/county.db'
            cand --format 'Output format: table for people, csv, json (one array) or jsonl (one object per line)'
            cand --operator 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]'
            cand --dry-run 'Validate and count everything, then roll back: the store is not changed'
            cand --strict 'Commit nothing if any row is rejected (exit 1)'
            cand -q 'Print no messages on stderr, only data and errors'
            cand --quiet 'Print no messages on stderr, only data and errors'
            cand -y 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'credit;import;help'= {
            cand penalties 'Import administrative penalties (行政处罚) in the national layout'
            cand licenses 'Import administrative licences (行政许可) in the national layout'
            cand subjects 'Import the registration authority''s register of subjects (USCC, name, kind, legal representative, division, old codes, former names)'
            cand mappings 'Import the official old-code to USCC table (新旧代码映射): an old code (organization code, registration number or tax number) and its USCC, optionally name, source and date'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'credit;import;help;penalties'= {
        }
        &'credit;import;help;licenses'= {
        }
        &'credit;import;help;subjects'= {
        }
        &'credit;import;help;mappings'= {
        }
        &'credit;import;help;help'= {
        }
        &'credit;records'= {
            cand --db 'The store file. Example: --db /srv/credit/county.db'
            cand --format 'Output format: table for people, csv, json (one array) or jsonl (one object per line)'
            cand --operator 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]'
            cand -q 'Print no messages on stderr, only data and errors'
            cand --quiet 'Print no messages on stderr, only data and errors'
            cand -y 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand list 'List records, newest decision first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'credit;records;list'= {
            cand --kind 'Only penalties or only licences'
            cand --subject 'Only records about this subject (any code it carries, or its name)'
            cand --authority 'Only records decided by this authority (its USCC)'
            cand --from 'Decided on or after this date (YYYY-MM-DD)'
            cand --to 'Decided on or before this date (YYYY-MM-DD)'
            cand --limit 'At most N records'
            cand --db 'The store file. Example: --db /srv/credit/county.db'
            cand --format 'Output format: table for people, csv, json (one array) or jsonl (one object per line)'
            cand --operator 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]'
            cand --reveal 'Show natural persons'' identity numbers in full (audited)'
            cand -q 'Print no messages on stderr, only data and errors'
            cand --quiet 'Print no messages on stderr, only data and errors'
            cand -y 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'credit;records;help'= {
            cand list 'List records, newest decision first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'credit;records;help;list'= {
        }
        &'credit;records;help;help'= {
        }
        &'credit;subject'= {
            cand --db 'The store file. Example: --db /srv/credit/county.db'
            cand --format 'Output format: table for people, csv, json (one array) or jsonl (one object per line)'
            cand --operator 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]'
            cand -q 'Print no messages on stderr, only data and errors'
            cand --quiet 'Print no messages on stderr, only data and errors'
            cand -y 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand show 'Show a subject found by any code it carries or by name: its codes, names and records, newest first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'credit;subject;show'= {
            cand --db 'The store file. Example: --db /srv/credit/county.db'
            cand --format 'Output format: table for people, csv, json (one array) or jsonl (one object per line)'
            cand --operator 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]'
            cand --reveal 'Show natural persons'' identity numbers in full (audited)'
            cand -q 'Print no messages on stderr, only data and errors'
            cand --quiet 'Print no messages on stderr, only data and errors'
            cand -y 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'credit;subject;help'= {
            cand show 'Show a subject found by any code it carries or by name: its codes, names and records, newest first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'credit;subject;help;show'= {
        }
        &'credit;subject;help;help'= {
        }
        &'credit;resolve'= {
            cand --name 'A name to suggest subjects by when a code does not resolve'
            cand --input 'Resolve the codes in a file (CSV, xlsx or JSON lines; ''-'' for stdin)'
            cand --column 'The column holding the codes'
            cand --name-column 'The column holding names, for suggestions'
            cand --output 'Where to write the resolved rows (`-`: stdout), never over the input or the store [default: stdout; xlsx needs a file]'
            cand --input-format 'The input''s format [default: from the extension]'
            cand --encoding 'Text encoding of the input: auto, utf-8 or gb18030'
            cand --db 'The store file. Example: --db /srv/credit/county.db'
            cand --format 'Output format: table for people, csv, json (one array) or jsonl (one object per line)'
            cand --operator 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]'
            cand --apply 'Merge subjects known only by old codes into the subject with their USCC (asks first on a terminal; --yes to run unattended)'
            cand --dry-run 'With --apply: report what would be merged and change nothing'
            cand --status 'How many subjects have a USCC, how many only old codes, how many of those resolve, and the mapping conflicts'
            cand -q 'Print no messages on stderr, only data and errors'
            cand --quiet 'Print no messages on stderr, only data and errors'
            cand -y 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'credit;code'= {
            cand --db 'The store file. Example: --db /srv/credit/county.db'
            cand --format 'Output format: table for people, csv, json (one array) or jsonl (one object per line)'
            cand --operator 'Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER]'
            cand -q 'Print no messages on stderr, only data and errors'
            cand --quiet 'Print no messages on stderr, only data and errors'
            cand -y 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand --yes 'Answer yes to confirmations (needed for destructive steps without a terminal)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand check 'Check codes given as arguments or in a CSV column; exit 3 when any is invalid'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'credit;code;check'= {
            cand --input 'Read codes from a CSV file (UTF-8 or GB18030; ''-'' for stdin)'
            cand --column 'The header of the column holding the codes'
            cand --kind 'Check every code as this kind instead of detecting it'
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
        &'credit;code;help'= {
            cand check 'Check codes given as arguments or in a CSV column; exit 3 when any is invalid'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'credit;code;help;check'= {
        }
        &'credit;code;help;help'= {
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
            cand check 'Check the file''s integrity, references between rows, every record against its content hash, and the audit chain; exit 1 when any fails'
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
            cand check 'Check the file''s integrity, references between rows, every record against its content hash, and the audit chain; exit 1 when any fails'
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
            cand import 'Import 双公示 records and registers (CSV in UTF-8 or GBK, xlsx, JSON lines)'
            cand records 'Look at imported 双公示 records'
            cand subject 'Subjects (信用主体)'
            cand resolve 'Resolve old codes to unified social credit codes, explaining each answer'
            cand code 'Identifier codes: USCC, organization code, registration number, resident id'
            cand db 'Look after the store file'
            cand audit 'Read and verify the audit chain'
            cand completions 'Print the completion script for a shell'
            cand man 'Write man pages (credit.1, credit-import.1, ...) into a directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'credit;help;init'= {
        }
        &'credit;help;import'= {
            cand penalties 'Import administrative penalties (行政处罚) in the national layout'
            cand licenses 'Import administrative licences (行政许可) in the national layout'
            cand subjects 'Import the registration authority''s register of subjects (USCC, name, kind, legal representative, division, old codes, former names)'
            cand mappings 'Import the official old-code to USCC table (新旧代码映射): an old code (organization code, registration number or tax number) and its USCC, optionally name, source and date'
        }
        &'credit;help;import;penalties'= {
        }
        &'credit;help;import;licenses'= {
        }
        &'credit;help;import;subjects'= {
        }
        &'credit;help;import;mappings'= {
        }
        &'credit;help;records'= {
            cand list 'List records, newest decision first'
        }
        &'credit;help;records;list'= {
        }
        &'credit;help;subject'= {
            cand show 'Show a subject found by any code it carries or by name: its codes, names and records, newest first'
        }
        &'credit;help;subject;show'= {
        }
        &'credit;help;resolve'= {
        }
        &'credit;help;code'= {
            cand check 'Check codes given as arguments or in a CSV column; exit 3 when any is invalid'
        }
        &'credit;help;code;check'= {
        }
        &'credit;help;db'= {
            cand status 'Path, schema version and rows per table'
            cand upgrade 'Apply the migrations this binary has and the store lacks (back up first)'
            cand check 'Check the file''s integrity, references between rows, every record against its content hash, and the audit chain; exit 1 when any fails'
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
