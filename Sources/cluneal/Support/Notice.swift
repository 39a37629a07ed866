import ClunealAnatomy

/// The one-line notice every output carries once.
enum Notice {
    static let text = EducationNotice.text
}
