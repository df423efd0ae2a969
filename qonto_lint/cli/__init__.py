"""The command line.

- `entry`: the console script, the fast path for files that cannot be Qonto's, and `main`
- `streams`: standard streams that never fail on a closed descriptor or an odd character
- `errors`: exit statuses, and every error as one line on stderr (lint and doctor)
- `settings`: the configuration file and the command line, merged once
- `lint`: the click command: lint, fix or report

Importing this package imports nothing else: the fast path stays cheap.
"""
