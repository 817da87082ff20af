package dev.hotpath.load.engine;

import dev.hotpath.load.HttpProtocol;

/** {@link AccuracyTest}'s figures, unchanged, over HTTP/2 (h2c with prior knowledge, many streams per connection). */
class Http2AccuracyTest extends AccuracyTest {
  @Override
  HttpProtocol protocol() {
    return HttpProtocol.HTTP_2;
  }
}
