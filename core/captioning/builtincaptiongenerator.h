#pragma once

#include "captiongenerator.h"
#include "imagetraits.h"

namespace stills {

// The default generator: no model, no network, instant and deterministic. It composes a caption
// from what the pixels show (brightness and contrast words, black and white, shape, the dominant
// named colours) and what the catalog knows (attributes, tags, EXIF lens and focal length, the
// photoset's title), for example:
//
//   A dark, low-key, high-contrast landscape frame with black, blue and grey tones.
//   Time of day: Night; Lighting: Low key. Tags: Harbour, Boats. Shot with EF 35mm f/2 at 35 mm.
//   From "Night Harbour".
//
// The caption is dataset text and is written in English whatever the interface language (like
// the captions models write), so that the same shot always gets the same caption.
// Thread contract as CaptionGenerator; the object holds no state besides the cancel flag.
class BuiltinCaptionGenerator : public CaptionGenerator
{
public:
    QString name() const override { return QStringLiteral("builtin"); }
    QString model() const override { return {}; }
    Result<Caption> generate(const CaptionRequest &request, const PartialCallback &onPartial = {}) override;

    // The caption for traits already computed (the pure part of generate(), for tests and previews).
    static QString compose(const CaptionRequest &request, const ImageTraits &traits);

    // Bumped whenever compose() says things differently, and stored with each caption.
    static constexpr int Version = 1;
};

} // namespace stills
