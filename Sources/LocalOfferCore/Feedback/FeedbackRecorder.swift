import Foundation

/// The one entry point a front end calls when someone chooses "Tell the Local Offer team".
/// Make one per process (it holds the search counts below the threshold, which must outlive each
/// family's session but never reach the disk), call `entry` or `unmetSearch`, and `newSession()`
/// whenever a session ends (Ctrl-N, the kiosk's idle reset).
///
/// In `.anonymous` (kiosk, shared): no note is ever kept; a search is kept only as its vocabulary
/// words (`FeedbackVocabulary`), and only once `searchThreshold` searches in different sessions
/// share those words. Until then the count lives in this object's memory only, so a restart forgets
/// it; a group of words already in the file (it passed the threshold before) counts from the first.
/// The same entry and choice, or the same words, count once a session.
public final class FeedbackRecorder: @unchecked Sendable {
    static let searchThreshold = 5
    /// Distinct word groups held below the threshold at once; more are not counted.
    static let maxPending = 1_000

    public enum Outcome: Sendable, Equatable {
        /// Written to the feedback file.
        case saved
        /// A search counted in memory, not yet written (fewer than `searchThreshold` share its words).
        case held
        /// Already counted in this session.
        case alreadyCounted
        /// Nothing of the search could be kept (no vocabulary words), or the entry is unknown.
        case nothingKept
    }

    public let policy: FeedbackPolicy
    let store: FeedbackStore?
    let vocabulary: FeedbackVocabulary
    let today: @Sendable () -> FeedbackDay
    private let lock = NSLock()
    private var pending: [String: Int] = [:]
    private var released: Set<String> = []
    private var seenThisSession: Set<String> = []

    /// `store` nil: no state folder is known, and every call fails with a message to show.
    public init(store: FeedbackStore?, policy: FeedbackPolicy, vocabulary: FeedbackVocabulary,
                today: @escaping @Sendable () -> FeedbackDay = { FeedbackDay.today() }) {
        self.store = store
        self.policy = policy
        self.vocabulary = vocabulary
        self.today = today
    }

    /// For the command line and the navigator: the default state folder, this mode's policy.
    public convenience init(engine: SearchEngine, kiosk: Bool, shared: Bool,
                            environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.init(store: FeedbackStore.defaultDirectory(environment: environment).map(FeedbackStore.init(directory:)),
                  policy: .forMode(kiosk: kiosk, shared: shared), vocabulary: FeedbackVocabulary(engine: engine))
    }

    /// A family's next session: the per-session "counted once" memory goes; the counts below the
    /// threshold stay (they are words of the vocabulary only, and counts of other families' searches).
    public func newSession() {
        lock.lock(); defer { lock.unlock() }
        seenThisSession.removeAll()
    }

    /// A choice about an entry. `note` is kept only under `.editor`, cut to
    /// `FeedbackStore.maxNoteCharacters`; under `.anonymous` it is dropped unread.
    @discardableResult
    public func entry(_ id: String, choice: FeedbackChoice, note: String? = nil) throws -> Outcome {
        guard vocabulary.knowsEntry(id) else { return .nothingKept }
        let store = try requireStore()
        lock.lock(); defer { lock.unlock() }
        let key = "entry\t\(id)\t\(choice.rawValue)"
        if policy == .anonymous && seenThisSession.contains(key) { return .alreadyCounted }
        let day = today()
        var records = [FeedbackRecord(day: day, kind: .entry, subject: id, choice: choice)]
        if policy.allowsNote, let note, !note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            records.append(FeedbackRecord(day: day, kind: .note, subject: id, choice: choice, note: note))
        }
        try store.add(records)
        seenThisSession.insert(key)
        return .saved
    }

    /// A search that found nothing useful ("could not find what I needed").
    @discardableResult
    public func unmetSearch(_ query: String) throws -> Outcome {
        let words = vocabulary.keptWords(query)
        guard !words.isEmpty else { return .nothingKept }
        let subject = words.joined(separator: " ")
        let store = try requireStore()
        lock.lock(); defer { lock.unlock() }
        let key = "search\t\(subject)"
        if seenThisSession.contains(key) { return .alreadyCounted }
        seenThisSession.insert(key)
        var count = 1
        if policy == .anonymous && !released.contains(subject) {
            if (try? store.load().records.contains { $0.kind == .search && $0.subject == subject }) == true {
                released.insert(subject)
            } else {
                let n = (pending[subject] ?? 0) + 1
                if n < FeedbackRecorder.searchThreshold {
                    if pending[subject] != nil || pending.count < FeedbackRecorder.maxPending { pending[subject] = n }
                    return .held
                }
                count = n
            }
        }
        try store.add([FeedbackRecord(day: today(), kind: .search, subject: subject, choice: .couldNotFind, count: count)])
        pending[subject] = nil
        released.insert(subject)
        return .saved
    }

    /// How many searches with these words are held in memory (for tests and the status line).
    func pendingCount(_ query: String) -> Int {
        lock.lock(); defer { lock.unlock() }
        return pending[vocabulary.keptWords(query).joined(separator: " ")] ?? 0
    }

    private func requireStore() throws -> FeedbackStore {
        guard let store else {
            throw FeedbackStore.Failure("no state folder for feedback: set LOCALOFFER_STATE_DIR, XDG_STATE_HOME or HOME")
        }
        return store
    }
}
