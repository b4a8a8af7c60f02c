import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Saving a family's take-away on a shared terminal. It holds a child's profile, so: a plain file
/// name only, into one folder the operator chose; never overwrite (a number is added); never follow
/// a symlink planted at the name; readable by the owner only.
public enum TakeawayFile {
    public static let maxNameLength = 80

    struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
        init(_ message: String) { self.message = message }
    }

    /// Why `name` cannot be used, in words for the status line; nil when it is fine.
    public static func problem(with name: String) -> String? {
        if name.isEmpty { return tr(.fileNameEmpty) }
        if name.count > maxNameLength { return tr(.fileNameTooLong, ["max": String(maxNameLength)]) }
        if name.contains("/") || name.contains("\\") { return tr(.fileNameFolders) }
        if name.hasPrefix(".") { return tr(.fileNameDot) }
        if name.hasPrefix("~") || name.hasPrefix("-") { return tr(.fileNameTildeDash) }
        if name.unicodeScalars.contains(where: { Sanitize.isUnsafe($0) }) { return tr(.fileNameControl) }
        if name.trimmingCharacters(in: .whitespaces).isEmpty { return tr(.fileNameEmpty) }
        return nil
    }

    /// `list.txt`, `list-2.txt`, `list-3.txt` …
    public static func candidate(_ name: String, _ n: Int) -> String {
        guard n > 1 else { return name }
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            return "\(name[..<dot])-\(n)\(name[dot...])"
        }
        return "\(name)-\(n)"
    }

    /// The default folder: `~/localoffer-takeaways`.
    public static func defaultDirectory(home: String? = ProcessInfo.processInfo.environment["HOME"]) -> String {
        let base = (home?.isEmpty == false ? home : nil) ?? FileManager.default.currentDirectoryPath
        return (base as NSString).appendingPathComponent("localoffer-takeaways")
    }

    /// Writes `text` as a new file named `name` (or `name-2` …) in `directory`, creating the folder
    /// (mode 0700) if it is missing. Returns the full path written.
    public static func save(_ text: String, name: String, in directory: String) throws -> String {
        if let p = problem(with: name) { throw Failure(p) }
        if mkdir(directory, 0o700) != 0 && errno != EEXIST {
            throw Failure("cannot create the folder \(directory) (\(String(cString: strerror(errno))))")
        }
        let dirFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dirFD >= 0 else { throw Failure("cannot open the folder \(directory) (\(String(cString: strerror(errno))))") }
        defer { close(dirFD) }
        for n in 1...1000 {
            let file = candidate(name, n)
            // O_EXCL: never an existing file; O_NOFOLLOW (with O_EXCL, any symlink at the name counts
            // as existing): never through a planted link. Relative to the opened folder, so the
            // folder cannot be swapped between the check and the write.
            let fd = openat(dirFD, file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd < 0 {
                if errno == EEXIST || errno == ELOOP { continue }
                throw Failure("cannot write \(file) in \(directory) (\(String(cString: strerror(errno))))")
            }
            defer { close(fd) }
            _ = fchmod(fd, 0o600)
            let bytes = Array(text.utf8)
            var offset = 0
            while offset < bytes.count {
                let w = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
                if w < 0 {
                    if errno == EINTR { continue }
                    let why = String(cString: strerror(errno))
                    _ = unlinkat(dirFD, file, 0)
                    throw Failure("could not write \(file) (\(why))")
                }
                offset += w
            }
            return (directory as NSString).appendingPathComponent(file)
        }
        throw Failure("too many files named like \(name) in \(directory)")
    }
}

extension TakeawayFile {
    /// The take-away a family leaves with (saved, or drawn as a code to scan): for each entry on
    /// their list, in the order of `EntryAnswer`: what it is, whether their child can use it, how
    /// to get it in their borough, how to reach them, then what differs in the other borough, the
    /// cost and what to ask and bring; and when it was made and for whom, so it still makes sense
    /// on the fridge a month later. `wrap(text, prefix)` lays out one paragraph (the front end's
    /// own wrapping); by default a paragraph stays one line.
    public static func text(content: Content, list: [String], profile p: Profile, madeOn date: Date = Date(),
                            wrap: (String, String) -> [String] = { [$1 + $0] }) -> String {
        var lines = [tr(.takeawayTitle), tr(.takeawayMadeOn, ["date": longDate(date)])]
        lines.append(p.isEmpty ? tr(.takeawayNoProfile) : tr(.takeawayProfile, ["profile": p.summary]))
        lines.append("")
        for (n, id) in list.enumerated() {
            guard let e = content.entry(id) else { continue }
            lines.append(tr(.takeawayItem, ["n": String(n + 1), "title": e.title]))
            lines += wrap(e.summary, tr(.takeawayWhatItIs))
            let boroughs = p.borough.map { [$0] } ?? e.servedIn
            for b in boroughs {
                let answer = EntryAnswer(entry: e, borough: b, profile: p, content: content)
                // One borough chosen: its details need no label. Both: say which is which.
                let inner = boroughs.count > 1 ? "    " : "  "
                if boroughs.count > 1 { lines.append(tr(.takeawayInBorough, ["borough": b.name])) }
                for s in answer.sections {
                    switch s.role {
                    case .verdict:
                        guard p.constrainsEligibility else { continue }
                        for l in s.lines { lines += wrap(l.text, inner + (l.label.isEmpty ? tr(.takeawayForChild) : l.label)) }
                    case .howToGet, .reach:
                        for l in s.lines { lines += wrap(l.text, inner + l.label) }
                    case .more:
                        // Who runs it and notes; the written rules are answered by the verdict.
                        for l in s.lines where l.verdict == nil { lines += wrap(l.text, inner + l.label) }
                    case .otherBorough:
                        guard p.borough != nil else { continue }
                        lines += wrap(s.lines.map { $0.label + $0.text }.joined(separator: " "), inner + s.heading + ": ")
                    default: continue
                    }
                }
            }
            if let cost = e.cost { lines += wrap(cost, tr(.takeawayCost)) }
            if let t = e.talkingPoints, !t.isEmpty {
                for a in t.ask { lines += wrap(a, tr(.takeawayAsk)) }
                for b in t.bring { lines += wrap(b, tr(.takeawayBring)) }
                for x in t.next { lines += wrap(x, tr(.takeawayNext)) }
            }
            if let t = e.statutory?.timescales { lines += wrap(t, tr(.takeawayTimescales)) }
            lines.append("")
        }
        lines.append(tr(.takeawayAdvice))
        return lines.joined(separator: "\n") + "\n"
    }

    /// How much of a list a code carries: a code must fit the window it is drawn in, so a front end
    /// tries these from the most to the least and says which one it shows.
    public enum ScanDetail: String, Sendable, CaseIterable {
        /// Names, a phone (or an email) and the web address of each.
        case full
        /// Names and a phone (or an email): no web addresses.
        case phones
    }

    /// The short text a phone reads from a code for a list (a shortlist, a flow outcome's services):
    /// plain lines a phone shows as a note, each number a phone can dial, each address it can open.
    /// Contacts as the entry page gives them (`EntryAnswer.contact`); nothing else of the family.
    public static func scanText(content: Content, list: [String], borough: Borough?, detail: ScanDetail = .full,
                                title: String = tr(.scanTitle)) -> String {
        var lines = [borough.map { tr(.scanTitleBorough, ["title": title, "borough": $0.name]) } ?? title]
        for (n, id) in list.enumerated() {
            guard let e = content.entry(id) else { continue }
            lines.append(tr(.takeawayItem, ["n": String(n + 1), "title": e.title]))
            let c = EntryAnswer.contact(of: e, in: borough)
            if let phone = c?.phone { lines.append(tr(.scanPhone, ["phone": phone])) } else if let email = c?.email { lines.append(tr(.scanEmail, ["email": email])) }
            // No phone or email of its own: who to ask instead, with theirs.
            else if let instead = c?.askInsteadLines.first { lines.append(instead) }
            if detail == .full, let address = EntryAnswer.address(of: e, in: borough) { lines.append(address) }
        }
        return lines.joined(separator: "\n")
    }

    /// "1 December 2026", in the catalogue's words (not the machine's locale: a shared terminal's
    /// locale is not the family's language).
    public static func longDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone.current
        let c = calendar.dateComponents([.day, .month, .year], from: date)
        let months = tr(.monthNames).split(separator: " ").map(String.init)
        guard let d = c.day, let m = c.month, let y = c.year, months.indices.contains(m - 1) else { return "" }
        return tr(.longDate, ["day": String(d), "month": months[m - 1], "year": String(y)])
    }
}
