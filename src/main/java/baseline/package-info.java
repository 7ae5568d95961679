/**
 * Plain programs that do what the lab's lessons and benchmarks do, written the obvious way, for {@code vtlab bench}
 * to run beside the lab in fresh JVMs and set the figures side by side: {@link baseline.PlainTrials} (the account
 * lesson's trials), {@link baseline.Hello} (a JVM that starts and ends) and {@link baseline.PlainScale} (the scale
 * suite's sleeping tasks).
 *
 * <p><b>Independent of the lab.</b> They are compiled into {@code vtlab.jar} so that a fresh clone's build can run
 * them, but they import nothing except {@code java.*}: no {@code dev.vtlab} class, no library. A baseline that used
 * the lab would measure the lab twice. {@code BaselineTest} holds them to it: it reads every compiled class of this
 * package and fails on a reference to any class outside {@code java.}. Each is started as its own program
 * ({@code java -cp vtlab.jar baseline.PlainTrials ...}), never called from the lab's code.
 */
package baseline;
