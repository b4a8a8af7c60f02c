import Foundation

/// The JSON the outside contract fixes (CONTRACT.md), as types: each shape is written in one place,
/// snake_case by the encoder's key strategy, keys sorted by the encoder (the one order that holds
/// on every platform's JSONEncoder, and the order the output had before these types). An optional that is nil is left out, except where the contract says
/// `null` (a flow's `question` and `outcome`).
public enum JSONShape {
    public struct EligibilityJSON: Codable, Sendable, Equatable {
        public var verdict: String
        public var reason: String
        public var instead: [String]?
        /// Where the family's borough does not run it: the way in from there (`ehc-plan`).
        public var openVia: String?
        public init(_ e: Eligibility) {
            verdict = e.verdict.rawValue
            reason = e.reason
            instead = e.instead.isEmpty ? nil : e.instead
            openVia = e.openVia
        }
    }

    public struct RuleJSON: Codable, Sendable, Equatable {
        public var verdict: String
        public var reason: String
        public var instead: [String]?
        public init(_ r: StatusRule) {
            verdict = r.verdict.rawValue
            reason = r.reason
            instead = r.instead.isEmpty ? nil : r.instead
        }
    }

    /// Rules by status, in the contract's order of statuses.
    public struct StatusRulesJSON: Codable, Sendable, Equatable {
        public var none: RuleJSON?
        public var senSupport: RuleJSON?
        public var ehcp: RuleJSON?
        enum CodingKeys: String, CodingKey {
            case none, senSupport = "sen-support", ehcp
        }
        public init(_ rules: [Status: StatusRule]) {
            none = rules[.none].map(RuleJSON.init)
            senSupport = rules[.senSupport].map(RuleJSON.init)
            ehcp = rules[.ehcp].map(RuleJSON.init)
        }
        public var isEmpty: Bool { none == nil && senSupport == nil && ehcp == nil }
    }

    /// Every field of `Contact`, each only when the content has it, and `lines` as the screens word them.
    public struct ContactJSON: Codable, Sendable, Equatable {
        var website: String?
        public var phone: String?
        var email: String?
        public var address: String?
        var webForm: String?
        /// The id of the entry to ask instead (its words and ways in are in `lines`).
        var askInstead: String?
        /// Every way to reach them, as `Contact` words it ("Phone: …"): whatever the content holds,
        /// including kinds of contact added after these keys.
        public var lines: [String]
        public init(_ c: Contact) {
            website = c.website
            phone = c.phone
            email = c.email
            address = c.address
            webForm = c.webForm
            askInstead = c.askInstead
            lines = c.lines
        }
    }

    /// Each borough in the contract's order.
    public struct ByBorough<T: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
        public var richmond: T?
        public var kingston: T?
        public init(_ value: (Borough) -> T?) {
            richmond = value(.richmond)
            kingston = value(.kingston)
        }
        public var isEmpty: Bool { richmond == nil && kingston == nil }
        public subscript(_ b: Borough) -> T? {
            switch b {
            case .richmond: return richmond
            case .kingston: return kingston
            }
        }
    }
}

/// A value the contract writes as `null` when there is none (a flow's `question` and `outcome`,
/// `--explain`'s `intent`), where every other optional is left out: the one place that rule is
/// written, instead of a hand-made `encode(to:)` per shape.
@propertyWrapper
public struct NullWhenNone<T: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var wrappedValue: T?
    public init(wrappedValue: T?) { self.wrappedValue = wrappedValue }
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        wrappedValue = c.decodeNil() ? nil : try c.decode(T.self)
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if let wrappedValue { try c.encode(wrappedValue) } else { try c.encodeNil() }
    }
}

extension JSONShape {
    /// How every shape is written: snake_case keys, sorted (the same order on every run and
    /// platform, and as before the types), web addresses without escaped slashes.
    public static func encoded<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try encoder.encode(value)
    }
}
