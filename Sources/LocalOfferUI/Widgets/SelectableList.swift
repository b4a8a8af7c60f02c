/// A list of items, `rowHeight` lines each, drawn from row `top`, scrolled so the selection shows.
/// Drawing and clicks both read it, so a click lands on the item drawn where it was clicked; only
/// the visible items are ever drawn, however long the list.
public struct SelectableList: Sendable, Equatable {
    public var count: Int
    public var selection: Int
    public var top: Int
    public var rows: Int
    public var rowHeight: Int

    public init(count: Int, selection: Int, top: Int, rows: Int, rowHeight: Int) {
        self.count = max(0, count)
        self.selection = selection
        self.top = top
        self.rows = max(1, rows)
        self.rowHeight = max(1, rowHeight)
    }

    /// The first item on screen.
    public var first: Int { max(0, min(selection, count - 1) - rows + 1) }
    public var visible: Range<Int> { first..<max(first, min(count, first + rows)) }
    /// The first row of item `i` (which must be visible).
    public func y(of i: Int) -> Int { top + (i - first) * rowHeight }
    /// The item drawn at row `y`, if any.
    public func item(atY y: Int) -> Int? {
        guard y >= top else { return nil }
        let k = (y - top) / rowHeight
        guard k < rows else { return nil }
        let i = first + k
        return i < count ? i : nil
    }
}

/// A window of `rows` lines over `total`, from line `scroll`: never past the end, so the next key
/// back moves the view at once. The entry, help and glossary screens scroll through it.
public struct ScrollView: Sendable, Equatable {
    public var total: Int
    public var rows: Int
    public var scroll: Int
    public init(total: Int, rows: Int, scroll: Int) {
        self.total = max(0, total)
        self.rows = max(1, rows)
        self.scroll = scroll
    }
    public var maxTop: Int { max(0, total - rows) }
    /// The first line shown.
    public var top: Int { max(0, min(scroll, maxTop)) }
    public var scrolls: Bool { total > rows }
    /// The scroll after moving `by` lines (bounded: any `by`, however large, stays in range).
    public func scrolled(by: Int) -> Int {
        by < 0 ? max(0, top + max(by, -total - 1)) : min(maxTop, top + min(by, total + 1))
    }
}
