/// The one-line notice every output carries once: what the tool is for, and what overrides it.
public enum EducationNotice {
    public static let text = "For education and planning, not diagnosis: red-flag symptoms need urgent medical assessment."
}
