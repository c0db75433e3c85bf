package outflow.esplugin;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.email.UAX29URLEmailTokenizer;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.pattern.PatternCaptureGroupTokenFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.PreConfiguredTokenFilter;
import org.elasticsearch.index.analysis.PreConfiguredTokenizer;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * The security index (native users, roles, API keys) is created with an "email" analyzer: tokenizer uax_url_email,
 * filters pattern_capture, lowercase and unique. Elastic's analysis-common module has all but lowercase, and the
 * integ-test-zip distribution on Maven Central ships without it, so without this plugin creating a user or an API
 * key fails with "Unknown filter type [pattern_capture]". Lucene's own classes, from the distribution's lib/.
 * "unique" here drops duplicates at the same position only (Lucene's filter), which is all the email analyzer makes.
 */
public class SecurityIndexAnalysisPlugin extends Plugin implements AnalysisPlugin {
  @Override
  public List<PreConfiguredTokenizer> getPreConfiguredTokenizers() {
    return List.of(PreConfiguredTokenizer.singleton("uax_url_email", UAX29URLEmailTokenizer::new));
  }

  @Override
  public List<PreConfiguredTokenFilter> getPreConfiguredTokenFilters() {
    return List.of(PreConfiguredTokenFilter.singleton("unique", false, RemoveDuplicatesTokenFilter::new));
  }

  @Override
  public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
    return Map.of("pattern_capture", AnalysisPlugin.requiresAnalysisSettings((index, env, name, settings) -> new PatternCapture(name, settings)));
  }

  /** Settings as analysis-common's: patterns (required), preserve_original (default true). */
  static final class PatternCapture extends AbstractTokenFilterFactory {
    private final Pattern[] patterns;
    private final boolean preserveOriginal;

    PatternCapture(String name, Settings settings) {
      super(name, settings);
      List<String> regexes = settings.getAsList("patterns");
      if (regexes.isEmpty()) {
        throw new IllegalArgumentException("required setting 'patterns' is missing for token filter [" + name + "]");
      }
      patterns = regexes.stream().map(Pattern::compile).toArray(Pattern[]::new);
      preserveOriginal = settings.getAsBoolean("preserve_original", true);
    }

    @Override
    public TokenStream create(TokenStream input) {
      return new PatternCaptureGroupTokenFilter(input, preserveOriginal, patterns);
    }
  }
}
