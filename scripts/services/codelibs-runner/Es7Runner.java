import org.codelibs.elasticsearch.runner.ElasticsearchClusterRunner;

/** Starts Elasticsearch 7.10.2 in-process via codelibs' cluster runner; same arguments as the runner's own main. */
public class Es7Runner {
    public static void main(String[] args) throws Exception {
        ElasticsearchClusterRunner runner = new ElasticsearchClusterRunner();
        runner.setMaxHttpPort(65000); // the default limit (9299) rejects our ports
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try { runner.close(); } catch (Exception e) { /* exiting anyway */ }
        }));
        runner.build(args);
        System.out.println("READY");
        Thread.currentThread().join();
    }
}
