"""Runs a unittest module (the Python API's live suite) and writes every test's outcome as JSON.

Usage: python3 run_suite.py <module> <result.json>. The module's own output goes to stdout/stderr as usual; the JSON
file is the only thing the calling test reads, so warnings printed by the tests cannot garble the result.
"""
import json
import sys
import time
import traceback
import unittest


class Recorder(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.outcomes = []
        self._started = {}

    def startTest(self, test):
        super().startTest(test)
        self._started[test.id()] = time.monotonic()
        sys.stderr.write("%s ...\n" % test.id())
        sys.stderr.flush()

    def _record(self, test, outcome, detail=""):
        started = self._started.pop(test.id(), None)
        seconds = 0.0 if started is None else time.monotonic() - started
        # A class whose setUpClass failed reports as "setUpClass (module.Class)", without a test method.
        self.outcomes.append({"id": test.id(), "outcome": outcome, "detail": detail, "seconds": round(seconds, 3)})
        sys.stderr.write("%s ... %s\n" % (test.id(), outcome))
        sys.stderr.flush()

    def addSuccess(self, test):
        super().addSuccess(test)
        self._record(test, "passed")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._record(test, "failed", "".join(traceback.format_exception(*err)))

    def addError(self, test, err):
        super().addError(test, err)
        self._record(test, "error", "".join(traceback.format_exception(*err)))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._record(test, "skipped", reason)

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self._record(test, "expected_failure", "".join(traceback.format_exception(*err)))

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._record(test, "unexpected_success")


def main():
    module, output = sys.argv[1], sys.argv[2]
    suite = unittest.defaultTestLoader.loadTestsFromName(module)
    result = Recorder()
    suite.run(result)
    with open(output, "w", encoding="utf-8") as f:
        json.dump({"tests_run": result.testsRun, "outcomes": result.outcomes}, f, indent=1)


if __name__ == "__main__":
    main()
