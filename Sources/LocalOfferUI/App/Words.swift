import LocalOfferCore

extension AppState {
    /// A string of the catalogue in the language chosen at start.
    func tr(_ key: S) -> String { config.strings[key] }
    func tr(_ key: S, _ values: [String: String]) -> String { config.strings.format(key, values) }
    /// "1 result", "2 results": every count the screen shows is a plural of the catalogue.
    func tr(_ key: PluralKey, count: Int, _ values: [String: String] = [:]) -> String { config.strings.plural(key, count: count, values) }
}
