/// The messages that change with a number, each a `one` and an `other` key of the catalogue (see
/// `PluralKey`): `tr(.cliResults, count: n, …)`, never `n == 1 ? "" : "s"` in code.
extension PluralKey {
    public static let cliResults = PluralKey(one: .cliResultsOne, other: .cliResultsOther)
    public static let cliMore = PluralKey(one: .cliMoreOne, other: .cliMoreOther)
    public static let cliEntries = PluralKey(one: .cliEntriesOne, other: .cliEntriesOther)
    public static let countResults = PluralKey(one: .countResultsOne, other: .countResultsOther)
    public static let countEntries = PluralKey(one: .countEntriesOne, other: .countEntriesOther)
    public static let countServicesAndGuides = PluralKey(one: .countServicesOne, other: .countServicesOther)
    public static let countSeconds = PluralKey(one: .countSecondsOne, other: .countSecondsOther)
    public static let countLines = PluralKey(one: .countLinesOne, other: .countLinesOther)
    public static let cliListHidden = PluralKey(one: .cliListHiddenOne, other: .cliListHiddenOther)
}
