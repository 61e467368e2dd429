package io.acdest.domain.port.in.archfixture;

/** Deliberately breaks the rules: an incoming port that nothing calls (it is only implemented). */
public interface UndrivenUseCase {
  void doSomething();

  /** The port's one implementation; implementing is not driving. */
  final class Service implements UndrivenUseCase {
    @Override
    public void doSomething() {
      doSomethingElse();
    }

    private void doSomethingElse() {}
  }
}
