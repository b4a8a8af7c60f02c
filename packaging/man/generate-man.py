#!/usr/bin/python3
"""Writes localoffer(1) from the built binary's own description of its options
(`localoffer --experimental-dump-help`, swift-argument-parser's JSON), so the options in the man page
are the options the program takes, plus the hand-written sections in sections.man (ENVIRONMENT,
FILES, EXAMPLES, EXIT STATUS ...). Runs the binary already built for the package: no second build.

usage: generate-man.py BINARY SECTIONS DATE > localoffer.1
"""
import json
import subprocess
import sys


def roff(text):
    """Text safe for roff: backslashes escaped, no line starting with a control character."""
    text = text.replace("\\", "\\e")
    lines = []
    for line in text.split("\n"):
        line = line.strip()
        if line.startswith((".", "'")):
            line = "\\&" + line
        lines.append(line)
    return "\n".join(lines)


def option_names(arg):
    names = []
    for n in arg.get("names", []):
        dash = "\\-\\-" if n["kind"] == "long" else "\\-"
        names.append("\\fB" + dash + roff(n["name"]) + "\\fR")
    return ", ".join(names)


def describe(arg):
    if arg["kind"] == "positional":
        head = "\\fI" + roff(arg.get("valueName", "value")) + "\\fR"
        if arg.get("isRepeating"):
            head += "\\&..."
        return head
    head = option_names(arg)
    if arg["kind"] == "option":
        head += " \\fI" + roff(arg.get("valueName", "value")) + "\\fR"
    return head


def arguments(args, out):
    for arg in args:
        if not arg.get("shouldDisplay", True):
            continue
        names = [n["name"] for n in arg.get("names", [])]
        if "help" in names or "version" in names or "generate-completion-script" in names:
            continue
        out.append(".TP")
        out.append(describe(arg))
        text = roff(arg.get("abstract", ""))
        if arg.get("defaultValue") is not None and arg["kind"] == "option":
            text += " (default: " + roff(str(arg["defaultValue"])) + ")"
        out.append(text)


def subcommands(cmd, path, out):
    for sub in cmd.get("subcommands", []):
        name = sub["commandName"]
        if name == "help" or not sub.get("shouldDisplay", True):
            continue
        full = path + [name]
        out.append('.SS "' + roff(" ".join(full)) + '"')
        out.append(roff(sub.get("abstract", "")))
        if sub.get("discussion"):
            out.append(".PP")
            out.append(roff(sub["discussion"]))
        arguments(sub.get("arguments", []), out)
        subcommands(sub, full, out)


def main():
    binary, sections, date = sys.argv[1], sys.argv[2], sys.argv[3]
    dump = json.loads(subprocess.run([binary, "--experimental-dump-help"], check=True,
                                     capture_output=True, text=True).stdout)
    version = subprocess.run([binary, "--version"], check=True, capture_output=True, text=True).stdout.strip()
    cmd = dump["command"]
    out = ['.TH LOCALOFFER 1 "%s" "%s" "User Commands"' % (date, roff(version)),
           ".SH NAME",
           "localoffer \\- " + roff(cmd.get("abstract", "")),
           ".SH SYNOPSIS",
           ".B localoffer",
           "[\\fIoptions\\fR]",
           ".br",
           ".B localoffer",
           "\\fIcommand\\fR [\\fIoptions\\fR]",
           ".SH DESCRIPTION",
           roff(cmd.get("discussion", "")),
           ".SH OPTIONS"]
    arguments(cmd.get("arguments", []), out)
    out += [".TP", "\\fB\\-\\-version\\fR", "Print the version and exit.",
            ".TP", "\\fB\\-h\\fR, \\fB\\-\\-help\\fR", "Show help (also after any command).",
            ".SH COMMANDS"]
    subcommands(cmd, ["localoffer"], out)
    with open(sections, encoding="utf-8") as f:
        out.append(f.read().rstrip("\n"))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
