package dev.gatehouse.policy;

/** The view that sees everything: {@link View#all()}. */
final class Unrestricted implements View {
  static final View VIEW = new Unrestricted();

  private Unrestricted() {}

  @Override
  public boolean tool(String server, String exposed, String original) {
    return true;
  }

  @Override
  public boolean hidesAnything(String server) {
    return false;
  }
}
