import ClunealFigures

extension MarkerMap {
    /// The markers as a blank map draws them: the number at its body-frame position, and the
    /// answer ("Posterior superior iliac spine (left)") for the map's hidden answers layer.
    public var numberedMarkers: [MapOptions.NumberedMarker] {
        answerKey.map { entry in
            MapOptions.NumberedMarker(number: entry.number, position: entry.positionMillimetres,
                                      answer: entry.side.map { "\(entry.name) (\($0.rawValue))" } ?? entry.name)
        }
    }
}
