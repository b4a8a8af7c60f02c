import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One line of the feedback file: a count of one choice about one entry (or one kept search) on one
/// day, or, outside kiosk and shared, an editor's note.
public struct FeedbackRecord: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case entry, search, note
    }
    public var day: FeedbackDay
    public var kind: Kind
    /// The entry's id, or a kept search's words (lower case, sorted, one space between).
    var subject: String
    public var choice: FeedbackChoice
    public var count: Int
    public var note: String?

    public init(day: FeedbackDay, kind: Kind, subject: String, choice: FeedbackChoice, count: Int = 1, note: String? = nil) {
        self.day = day; self.kind = kind; self.subject = subject; self.choice = choice; self.count = count; self.note = note
    }

    var mergeKey: String { "\(day)\t\(kind.rawValue)\t\(subject)\t\(choice.rawValue)" }

    static func validSubject(_ s: String, kind: Kind) -> Bool {
        guard !s.isEmpty, s.utf8.count <= 200 else { return false }
        switch kind {
        case .entry, .note:
            // Content ids: lower-case kebab-case.
            return s.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
                && !s.hasPrefix("-") && !s.hasSuffix("-")
        case .search:
            let words = s.split(separator: " ", omittingEmptySubsequences: false)
            return words.count <= FeedbackVocabulary.maxWords
                && words.allSatisfy { w in FeedbackVocabulary.wordLength.contains(w.utf8.count) && w.utf8.allSatisfy { $0 >= 97 && $0 <= 122 } }
        }
    }
}

/// The feedback file in the state folder: `feedback.tsv`, one aggregated count a line, mode 0600,
/// at most `maxBytes` (the oldest days go first when it is full). Written whole to a new file and
/// renamed over the old one under a lock, so a reader never sees half a file; its times (and the
/// folder's) are set to midnight of the newest day, so not even the file system keeps the time.
public struct FeedbackStore: Sendable {
    static let fileName = "feedback.tsv"
    static let tempName = ".feedback.tsv.new"
    public static let header = "# localoffer feedback v1 - DAY, KIND (entry, search, note), ENTRY ID OR SEARCH WORDS, CHOICE, COUNT or NOTE"
    public static let maxBytes = 512 * 1024
    static let maxNoteCharacters = 500
    static let maxCount = 1_000_000_000

    struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
        init(_ message: String) { self.message = message }
    }

    public let directory: String
    public var path: String { (directory as NSString).appendingPathComponent(FeedbackStore.fileName) }

    public init(directory: String) { self.directory = directory }

    /// `$LOCALOFFER_STATE_DIR`, else `$XDG_STATE_HOME/localoffer`, else `~/.local/state/localoffer`;
    /// nil when none of them is set (no HOME): then nothing is stored.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        func absolute(_ key: String) -> String? {
            guard let v = environment[key], v.hasPrefix("/") else { return nil }
            return v
        }
        if let d = absolute("LOCALOFFER_STATE_DIR") { return d }
        if let x = absolute("XDG_STATE_HOME") { return (x as NSString).appendingPathComponent("localoffer") }
        if let h = absolute("HOME") { return (h as NSString).appendingPathComponent(".local/state/localoffer") }
        return nil
    }

    // MARK: Reading

    /// The records, and one line for each line of the file that is not a valid record (skipped).
    public func load() throws -> (records: [FeedbackRecord], problems: [String]) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return ([], []) }
            throw Failure("cannot open the feedback folder \(directory) (\(String(cString: strerror(errno))))")
        }
        defer { close(fd) }
        _ = flock(fd, LOCK_SH)
        return try read(in: fd)
    }

    func read(in dirFD: Int32) throws -> (records: [FeedbackRecord], problems: [String]) {
        let fd = openat(dirFD, FeedbackStore.fileName, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return ([], []) }
            throw Failure("cannot read \(path) (\(String(cString: strerror(errno))))")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { throw Failure("\(path) is not a regular file") }
        // A file far past the bound was not written by localoffer: refuse it rather than read it all.
        guard st.st_size <= off_t(FeedbackStore.maxBytes * 2) else {
            throw Failure("\(path) is \(st.st_size) bytes, over the \(FeedbackStore.maxBytes * 2) a feedback file may hold; refused")
        }
        var bytes = [UInt8](repeating: 0, count: FeedbackStore.maxBytes * 2 + 1)
        var total = 0
        while total < bytes.count {
            let n = bytes[total...].withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw Failure("cannot read \(path) (\(String(cString: strerror(errno))))") }
            if n == 0 { break }
            total += n
        }
        return FeedbackStore.parse(String(decoding: bytes[0..<min(total, FeedbackStore.maxBytes * 2)], as: UTF8.self), file: path)
    }

    static func parse(_ text: String, file: String) -> (records: [FeedbackRecord], problems: [String]) {
        var records: [FeedbackRecord] = []
        var problems: [String] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            if let r = record(line) { records.append(r) } else if problems.count < 20 {
                problems.append("\(file):\(n + 1): warning: not a feedback record; skipped")
            }
        }
        return (records, problems)
    }

    static func record(_ line: Substring) -> FeedbackRecord? {
        let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard f.count >= 5, let day = FeedbackDay(f[0]), let kind = FeedbackRecord.Kind(rawValue: f[1]),
              FeedbackRecord.validSubject(f[2], kind: kind), let choice = FeedbackChoice(rawValue: f[3]) else { return nil }
        if kind == .note {
            guard f.count == 5 else { return nil }
            return FeedbackRecord(day: day, kind: kind, subject: f[2], choice: choice, count: 1, note: String(f[4].prefix(maxNoteCharacters * 4)))
        }
        guard f.count == 5, f[4].utf8.count <= 10, f[4].utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
              let count = Int(f[4]), count >= 1, count <= maxCount else { return nil }
        if kind == .search && choice != .couldNotFind { return nil }
        return FeedbackRecord(day: day, kind: kind, subject: f[2], choice: choice, count: count)
    }

    static func line(_ r: FeedbackRecord) -> String {
        let last = r.kind == .note ? escape(r.note ?? "") : String(r.count)
        return "\(r.day)\t\(r.kind.rawValue)\t\(r.subject)\t\(r.choice.rawValue)\t\(last)"
    }

    /// A note is one line of safe text: line breaks and tabs become spaces, other controls a
    /// visible escape (`Sanitize.oneLine`), so a note can never break the file's lines or fields.
    static func escape(_ s: String) -> String {
        let flat = String(s.prefix(maxNoteCharacters).map { $0.isNewline || $0 == "\t" ? " " : $0 })
        return Sanitize.oneLine(flat).replacingOccurrences(of: "\t", with: " ")
    }

    // MARK: Writing

    /// Adds records (merging counts of the same day, entry or words, and choice) and writes the file.
    public func add(_ new: [FeedbackRecord]) throws {
        guard !new.isEmpty else { return }
        for r in new where !FeedbackRecord.validSubject(r.subject, kind: r.kind) || r.count < 1 {
            throw Failure("refused a feedback record that is not valid: \(r.kind.rawValue) \(Sanitize.oneLine(String(r.subject.prefix(40))))")
        }
        try FeedbackStore.makeDirectory(directory)
        let dirFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dirFD >= 0 else { throw Failure("cannot open the feedback folder \(directory) (\(String(cString: strerror(errno))))") }
        defer { close(dirFD) }
        // One writer at a time: two terminals sharing a state folder must not lose each other's counts.
        while flock(dirFD, LOCK_EX) != 0 {
            if errno != EINTR { throw Failure("cannot lock the feedback folder \(directory) (\(String(cString: strerror(errno))))") }
        }
        defer { _ = flock(dirFD, LOCK_UN) }
        let records = FeedbackStore.merge((try read(in: dirFD)).records, new)
        let text = FeedbackStore.render(records)
        try write(text, newest: records.map(\.day).max() ?? FeedbackDay.today(), in: dirFD)
    }

    /// Counts of the same key add up (saturating); notes stay one a line. The oldest days are dropped
    /// until the file fits in `maxBytes`.
    static func merge(_ old: [FeedbackRecord], _ new: [FeedbackRecord]) -> [FeedbackRecord] {
        var order: [String] = []
        var byKey: [String: FeedbackRecord] = [:]
        var notes: [FeedbackRecord] = []
        for r in old + new {
            if r.kind == .note { notes.append(r); continue }
            if var existing = byKey[r.mergeKey] {
                existing.count = min(maxCount, existing.count + min(r.count, maxCount))
                byKey[r.mergeKey] = existing
            } else {
                byKey[r.mergeKey] = r
                order.append(r.mergeKey)
            }
        }
        var all = order.compactMap { byKey[$0] } + notes
        // Stable by day, so the oldest are at the front to drop.
        all = all.enumerated().sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }.map(\.element)
        var size = header.utf8.count + 1 + all.reduce(0) { $0 + line($1).utf8.count + 1 }
        var drop = 0
        while size > maxBytes && drop < all.count {
            size -= line(all[drop]).utf8.count + 1
            drop += 1
        }
        return Array(all[drop...])
    }

    static func render(_ records: [FeedbackRecord]) -> String {
        ([header] + records.map(line)).joined(separator: "\n") + "\n"
    }

    private func write(_ text: String, newest: FeedbackDay, in dirFD: Int32) throws {
        let fd = openat(dirFD, FeedbackStore.tempName, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Failure("cannot write in \(directory) (\(String(cString: strerror(errno))))") }
        var ok = fchmod(fd, 0o600) == 0
        let bytes = Array(text.utf8)
        var offset = 0
        while ok && offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; ok = false; break }
            offset += n
        }
        if ok { ok = fsync(fd) == 0 }
        let why = String(cString: strerror(errno))
        var times = FeedbackStore.times(newest.midnight)
        _ = futimens(fd, &times)
        close(fd)
        guard ok, renameat(dirFD, FeedbackStore.tempName, dirFD, FeedbackStore.fileName) == 0 else {
            _ = unlinkat(dirFD, FeedbackStore.tempName, 0)
            throw Failure("could not write \(path) (\(why))")
        }
        _ = futimens(dirFD, &times)
    }

    static func times(_ date: Date) -> [timespec] {
        let seconds = date.timeIntervalSince1970
        let t = timespec(tv_sec: seconds.isFinite && seconds > 0 && seconds < 1e12 ? time_t(seconds.rounded(.down)) : 0, tv_nsec: 0)
        return [t, t]
    }

    /// Creates the folder and any missing parents, each private (0700).
    static func makeDirectory(_ path: String) throws {
        var built = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            built += "/" + part
            if mkdir(built, 0o700) != 0 && errno != EEXIST {
                throw Failure("cannot create the feedback folder \(built) (\(String(cString: strerror(errno))))")
            }
        }
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else { throw Failure("\(path) is not a folder") }
    }
}
