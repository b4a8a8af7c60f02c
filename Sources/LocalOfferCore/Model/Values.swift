/// The fixed values of the outside contract (CONTRACT.md). Everything else is content.
public enum Borough: String, Codable, CaseIterable, Sendable, Hashable, Comparable {
    case richmond, kingston

    public var name: String {
        switch self {
        case .richmond: return "Richmond"
        case .kingston: return "Kingston"
        }
    }
    public var fullName: String {
        switch self {
        case .richmond: return "Richmond upon Thames"
        case .kingston: return "Kingston upon Thames"
        }
    }
    public static func < (a: Borough, b: Borough) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

public enum Status: String, Codable, CaseIterable, Sendable, Hashable {
    case none
    case senSupport = "sen-support"
    case ehcp

    public var label: String {
        switch self {
        case .none: return tr(.statusNone)
        case .senSupport: return tr(.statusSENSupport)
        case .ehcp: return tr(.statusEHCP)
        }
    }
}

public enum NeedArea: String, Codable, CaseIterable, Sendable, Hashable, Comparable {
    case communicationInteraction = "communication-interaction"
    case cognitionLearning = "cognition-learning"
    case socialEmotionalMentalHealth = "social-emotional-mental-health"
    case sensoryPhysical = "sensory-physical"

    public var label: String {
        switch self {
        case .communicationInteraction: return tr(.needCommunication)
        case .cognitionLearning: return tr(.needCognition)
        case .socialEmotionalMentalHealth: return tr(.needSEMH)
        case .sensoryPhysical: return tr(.needSensory)
        }
    }
    public static func < (a: NeedArea, b: NeedArea) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

public enum Verdict: String, Codable, Sendable, Hashable, Comparable {
    case eligible
    case notEligible = "not-eligible"
    case check

    /// Ranking order: what a child can use first.
    var rank: Int {
        switch self {
        case .eligible: return 0
        case .check: return 1
        case .notEligible: return 2
        }
    }
    public static func < (a: Verdict, b: Verdict) -> Bool { a.rank < b.rank }
}

public let validAges: ClosedRange<Int> = 0...25

/// What the family has told the program once; it tailors search, browse and every verdict.
public struct Profile: Sendable, Hashable {
    public var borough: Borough?
    public var age: Int?
    public var status: Status?
    public var needs: Set<NeedArea>

    public init(borough: Borough? = nil, age: Int? = nil, status: Status? = nil, needs: Set<NeedArea> = []) {
        self.borough = borough
        self.age = age
        self.status = status
        self.needs = needs
    }

    public var isEmpty: Bool { borough == nil && age == nil && status == nil && needs.isEmpty }
    /// Whether anything that changes an eligibility verdict is known.
    public var constrainsEligibility: Bool { borough != nil || age != nil || status != nil }

    /// "Richmond · age 7 · SEN Support"
    public var summary: String {
        var parts: [String] = []
        if let borough { parts.append(borough.name) }
        if let age { parts.append(tr(.summaryAge, ["age": String(age)])) }
        if let status {
            switch status {
            case .none: parts.append(tr(.summaryNoSEN))
            case .senSupport: parts.append(tr(.summarySENSupport))
            case .ehcp: parts.append(tr(.summaryEHCP))
            }
        }
        if !needs.isEmpty { parts.append(needs.sorted().map { $0.label.lowercased() }.joined(separator: ", ")) }
        return parts.joined(separator: " · ")
    }
}
