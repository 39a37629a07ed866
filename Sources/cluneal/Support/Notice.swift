/// The one-line notice every output carries once.
enum Notice {
    static let text = "For education and planning, not diagnosis: red-flag symptoms need urgent medical assessment."
}
