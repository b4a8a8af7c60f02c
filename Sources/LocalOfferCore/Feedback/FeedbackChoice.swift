import Foundation

/// What a family can tell the Local Offer team about an entry or a search: fixed choices only, so
/// nothing a family says can identify them (SEND Regulations 2014, regulation 56, asks the council
/// to seek and publish comments: https://www.legislation.gov.uk/uksi/2014/1530/regulation/56).
public enum FeedbackChoice: String, CaseIterable, Sendable, Hashable, Comparable {
    case wrongOrOutOfDate = "wrong-or-out-of-date"
    case couldNotFind = "could-not-find"
    case hardToUnderstand = "hard-to-understand"
    case helpful = "helpful"

    /// The words on the screen and in the report.
    public var label: String {
        switch self {
        case .wrongOrOutOfDate: return tr(.feedbackWrong)
        case .couldNotFind: return tr(.feedbackCouldNotFind)
        case .hardToUnderstand: return tr(.feedbackHard)
        case .helpful: return tr(.feedbackHelpful)
        }
    }

    /// The choices a search that found nothing useful offers: only "could not find".
    public static let forSearch: [FeedbackChoice] = [.couldNotFind]

    public static func < (a: FeedbackChoice, b: FeedbackChoice) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}

/// Who is at the keyboard, as far as feedback is concerned.
public enum FeedbackPolicy: Sendable, Equatable {
    /// `--kiosk` and `--shared`: a member of the public. No free text; a search is kept only as
    /// vocabulary words, only once `FeedbackRecorder.searchThreshold` searches share them.
    case anonymous
    /// Anywhere else (an editor, a family at home): the same choices, plus an optional note.
    case editor

    static func forMode(kiosk: Bool, shared: Bool) -> FeedbackPolicy {
        kiosk || shared ? .anonymous : .editor
    }

    var allowsNote: Bool { self == .editor }
}

/// A calendar day, `YYYY-MM-DD`: feedback keeps the day and never the time.
public struct FeedbackDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0 >= "0" && $0 <= "9" } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              y >= 2000, y <= 9999, (1...12).contains(m), d >= 1, d <= FeedbackDay.daysIn(month: m, year: y) else { return nil }
        year = y; month = m; day = d
    }

    public init(date: Date, calendar: Calendar = .current) {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        year = c.year ?? 2000; month = c.month ?? 1; day = c.day ?? 1
    }

    public static func today() -> FeedbackDay { FeedbackDay(date: Date()) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Midnight at the start of the day (local time): the only time a feedback file ever shows.
    var midnight: Date {
        Calendar.current.date(from: DateComponents(year: year, month: month, day: day)) ?? Date(timeIntervalSince1970: 0)
    }

    public var description: String {
        func pad(_ n: Int, _ w: Int) -> String { String(repeating: "0", count: max(0, w - String(n).count)) + String(n) }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (a: FeedbackDay, b: FeedbackDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}
