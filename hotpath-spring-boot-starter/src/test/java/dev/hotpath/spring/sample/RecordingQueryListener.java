package dev.hotpath.spring.sample;

import dev.hotpath.db.NPlusOne;
import dev.hotpath.db.QueryListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/** The application's own listener: the starter hands it every N+1 the inspector reports. */
// tag::listener[]
@Component
public class RecordingQueryListener implements QueryListener {
  private final List<NPlusOne> nPlusOnes = new CopyOnWriteArrayList<>();

  @Override
  public void onNPlusOne(NPlusOne detection) {
    nPlusOnes.add(detection);
  }

  public List<NPlusOne> nPlusOnes() {
    return List.copyOf(nPlusOnes);
  }
}
// end::listener[]
