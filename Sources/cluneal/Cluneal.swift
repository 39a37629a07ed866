@main struct Cluneal { static func main() {} }
