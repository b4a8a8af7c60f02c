import Foundation
import Testing
@testable import LocalOfferCore
#if canImport(Glibc)
import Glibc
#endif

/// Feedback keeps nothing about the family: fixed choices, vocabulary words of a search only once
/// five sessions share them, the day and never the time, a private bounded file.
@Suite struct FeedbackTests {
    static let vocabulary = FeedbackVocabulary(
        words: ["speech", "therapy", "autism", "transport", "richmond"],
        entryIds: ["speech-and-language-therapy", "send-team"],
        lexicon: Lexicon(words: ["help", "school", "smith", "son"]))
    static let day = FeedbackDay("2026-11-30")!

    func tempDir() -> String {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("lo-feedback-\(UUID().uuidString.prefix(8))").path
        return d + "/state/localoffer"
    }

    func recorder(_ dir: String, _ policy: FeedbackPolicy = .anonymous) -> FeedbackRecorder {
        FeedbackRecorder(store: FeedbackStore(directory: dir), policy: policy, vocabulary: FeedbackTests.vocabulary,
                         today: { FeedbackTests.day })
    }

    func fileText(_ dir: String) -> String? {
        FileManager.default.contents(atPath: dir + "/" + FeedbackStore.fileName).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func namesPostcodesPhonesAndEmailsAreNeverKeptWords() {
        let q = "Olivia Smith TW9 1DH kt34pp 07700 900123 +44(0)20-8891 olivia.smith@example.com www.olivia.co.uk speech THERAPY for my son"
        #expect(FeedbackTests.vocabulary.keptWords(q) == ["smith", "speech", "therapy"], "smith is an English word: why five searches must share it")
        #expect(FeedbackTests.vocabulary.keptWords("Olivia 12 Acacia Avenue 2015-03-04") == [])
        // Only a–z words: another script's letters and digits are not vocabulary.
        #expect(FeedbackTests.vocabulary.keptWords("спич speech ٣") == ["speech"])
        // The same words in another order are the same search.
        #expect(FeedbackTests.vocabulary.keptWords("therapy speech") == FeedbackTests.vocabulary.keptWords("speech therapy"))
    }

    @Test func aSearchIsWrittenOnlyOnceFiveSessionsShareItsWords() throws {
        let dir = tempDir()
        let r = recorder(dir)
        for i in 1..<FeedbackRecorder.searchThreshold {
            #expect(try r.unmetSearch("speech therapy for Olivia TW9") == .held)
            // The same person asking again in the same session does not count twice.
            #expect(try r.unmetSearch("therapy speech") == .alreadyCounted)
            r.newSession()
            #expect(r.pendingCount("speech therapy") == i)
            #expect(!FileManager.default.fileExists(atPath: dir), "nothing may reach the disk below the threshold")
        }
        #expect(try r.unmetSearch("Speech therapy please") == .saved)
        r.newSession()
        #expect(try r.unmetSearch("speech therapy") == .saved)
        let report = FeedbackReport(records: try FeedbackStore(directory: dir).load().records)
        #expect(report.unmetSearches == [FeedbackReport.SearchCount(words: "speech therapy", count: 6)])
        let text = try #require(fileText(dir))
        #expect(!text.contains("olivia") && !text.contains("tw9") && !text.contains("please"))
    }

    @Test func aRestartForgetsCountsBelowTheThresholdButNotGroupsAlreadyKept() throws {
        let dir = tempDir()
        let first = recorder(dir)
        for _ in 0..<FeedbackRecorder.searchThreshold { _ = try first.unmetSearch("autism"); first.newSession() }
        for _ in 0..<3 { _ = try first.unmetSearch("transport"); first.newSession() }
        let second = recorder(dir)
        #expect(try second.unmetSearch("autism") == .saved, "a group already on disk counts from the first")
        #expect(try second.unmetSearch("transport") == .held, "counts held in memory do not survive a restart")
        #expect(second.pendingCount("transport") == 1)
    }

    @Test func aKioskNeverKeepsANoteAnEditorDoes() throws {
        let dir = tempDir()
        #expect(try recorder(dir).entry("send-team", choice: .wrongOrOutOfDate, note: "Call Olivia on 07700 900123") == .saved)
        var text = try #require(fileText(dir))
        #expect(!text.contains("Olivia") && !text.contains("07700"))
        #expect(try recorder(dir, .editor).entry("send-team", choice: .wrongOrOutOfDate,
                                                  note: "Phone\tnumber changed\nsee\u{1B}[2J site") == .saved)
        text = try #require(fileText(dir))
        let report = FeedbackReport(records: try FeedbackStore(directory: dir).load().records)
        #expect(report.entries == [FeedbackReport.EntryCount(id: "send-team", choice: .wrongOrOutOfDate, count: 2)])
        #expect(report.notes.count == 1)
        let note = try #require(report.notes.first?.text)
        #expect(note.hasPrefix("Phone number changed see"))
        #expect(!note.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{7F}" })
        #expect(text.split(separator: "\n").count == 3, "header, the count, the note: a note never breaks a line")
    }

    @Test func anUnknownEntryOrAnEmptySearchKeepsNothing() throws {
        let dir = tempDir()
        #expect(try recorder(dir).entry("../../etc/passwd", choice: .helpful) == .nothingKept)
        #expect(try recorder(dir).unmetSearch("Olivia 07700 900123 TW9 1DH") == .nothingKept)
        #expect(!FileManager.default.fileExists(atPath: dir))
    }

    @Test func theFileIsPrivateAndShowsTheDayNeverTheTime() throws {
        let dir = tempDir()
        try recorder(dir).entry("send-team", choice: .helpful)
        var st = stat()
        #expect(stat(dir + "/" + FeedbackStore.fileName, &st) == 0)
        #expect(st.st_mode & 0o777 == 0o600)
        #expect(Double(st.st_mtim.tv_sec) == FeedbackTests.day.midnight.timeIntervalSince1970)
        #expect(stat(dir, &st) == 0)
        #expect(st.st_mode & 0o777 == 0o700)
        #expect(Double(st.st_mtim.tv_sec) == FeedbackTests.day.midnight.timeIntervalSince1970)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(names == [FeedbackStore.fileName], "no temporary or lock file is left behind")
        #expect(!(try #require(fileText(dir))).contains(":"), "no time of day in the file")
    }

    @Test func theFileStaysBoundedDroppingTheOldestDays() throws {
        let dir = tempDir()
        let store = FeedbackStore(directory: dir)
        var day = Date(timeIntervalSince1970: 1_700_000_000)
        for _ in 0..<4 {
            let d = FeedbackDay(date: day)
            try store.add((0..<3_500).map { i in
                FeedbackRecord(day: d, kind: .entry, subject: "entry-number-\(i)-with-a-long-id", choice: .helpful)
            })
            day += 86_400
        }
        let text = try #require(fileText(dir))
        #expect(text.utf8.count <= FeedbackStore.maxBytes)
        let records = try store.load().records
        #expect(records.map(\.day).max() == FeedbackDay(date: day - 86_400), "the newest day is kept")
        #expect(records.map(\.day).min() != FeedbackDay(date: Date(timeIntervalSince1970: 1_700_000_000)), "the oldest went")
    }

    @Test func aBrokenOrHostileFileIsReadSafely() throws {
        let dir = tempDir()
        try FeedbackStore.makeDirectory(dir)
        let lines = [
            FeedbackStore.header,
            "2026-11-01\tentry\tsend-team\thelpful\t3",
            "2026-11-02\tentry\tsend-team\thelpful\t99999999999999999999",
            "2026-02-30\tentry\tsend-team\thelpful\t1",
            "2026-11-03\tentry\t../x\thelpful\t1",
            "2026-11-03\tsearch\tOlivia 07700\tcould-not-find\t9",
            "2026-11-03\tsearch\tspeech\thelpful\t9",
            "2026-11-04\tsearch\tspeech therapy\tcould-not-find\t5",
            "2026-11-04\tentry\tsend-team\tnot-a-choice\t1",
            "garbage \u{1B}[2J",
        ]
        try lines.joined(separator: "\n").write(toFile: dir + "/" + FeedbackStore.fileName, atomically: false, encoding: .utf8)
        let loaded = try FeedbackStore(directory: dir).load()
        #expect(loaded.records.count == 2)
        #expect(loaded.problems.count == 7)
        let since = FeedbackReport(records: loaded.records, since: FeedbackDay("2026-11-02"))
        #expect(since.entries.isEmpty && since.unmetSearches.count == 1 && since.since.description == "2026-11-02")
        let all = FeedbackReport(records: loaded.records)
        #expect(all.since.description == "2026-11-01" && all.until?.description == "2026-11-04")
        let json = JSONShape.FeedbackReportJSON(all)
        #expect(json.since == "2026-11-01" && json.until == "2026-11-04")
        #expect(json.entries.first?.count == 3)
        #expect(json.unmetSearches.first?.words == "speech therapy")
        let text = String(decoding: try JSONShape.encoded(JSONShape.FeedbackReportJSON(FeedbackReport(records: []))), as: UTF8.self)
        #expect(text.contains("\"until\" : null"), "the contract's null before any feedback")
    }

    @Test func aSymlinkAtTheFileIsNeverFollowed() throws {
        let dir = tempDir()
        try FeedbackStore.makeDirectory(dir)
        let target = dir + "/../victim"
        try "keep me".write(toFile: target, atomically: false, encoding: .utf8)
        #expect(symlink(target, dir + "/" + FeedbackStore.fileName) == 0)
        #expect(throws: FeedbackStore.Failure.self) { try recorder(dir).entry("send-team", choice: .helpful) }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me")
    }

    @Test func theStateFolderComesFromTheEnvironmentInOrder() {
        #expect(FeedbackStore.defaultDirectory(environment: ["LOCALOFFER_STATE_DIR": "/s", "XDG_STATE_HOME": "/x", "HOME": "/h"]) == "/s")
        #expect(FeedbackStore.defaultDirectory(environment: ["XDG_STATE_HOME": "/x", "HOME": "/h"]) == "/x/localoffer")
        #expect(FeedbackStore.defaultDirectory(environment: ["HOME": "/h"]) == "/h/.local/state/localoffer")
        #expect(FeedbackStore.defaultDirectory(environment: ["LOCALOFFER_STATE_DIR": "relative", "HOME": ""]) == nil)
    }

    @Test func theShippedContentsVocabularyKeepsItsOwnWords() {
        let engine = SearchEngine(content: Fixtures.shippedResult.content)
        let v = FeedbackVocabulary(engine: engine, lexicon: Lexicon(words: []))
        #expect(v.keptWords("respite Zxqwv 07700900123") == ["respite"])
        #expect(v.knowsEntry("send-team"))
    }

    @Test func daysAreCheckedAsDates() {
        #expect(FeedbackDay("2024-02-29") != nil)
        for bad in ["2023-02-29", "2026-13-01", "2026-1-01", "26-01-01", "2026-01-01T10:00", "２０２６-01-01", ""] {
            #expect(FeedbackDay(bad) == nil, "\(bad)")
        }
    }
}
