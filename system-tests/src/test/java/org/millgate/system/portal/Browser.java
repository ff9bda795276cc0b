package org.millgate.system.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through ChromeDriver ({@code ./millgate test}
 * installs both where missing, saying so, unless {@code MILLGATE_INSTALL=never}), with a
 * screenshot of each page kept under {@code target/screenshots/<journey>/}.
 */
final class Browser implements AutoCloseable {

	static final String CHROMIUM = env("MILLGATE_CHROMIUM", "/usr/bin/chromium");

	static final String CHROMEDRIVER = env("MILLGATE_CHROMEDRIVER", "/usr/bin/chromedriver");

	private final ChromeDriver driver;

	private final WebDriverWait wait;

	private final Path screenshots;

	private final Path profile;

	private int shots;

	Browser(String journey) {
		try {
			this.profile = Files.createTempDirectory("millgate-chromium");
			this.screenshots = Files.createDirectories(Path.of("target", "screenshots", journey));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		// the closed network here refuses Chromium's
		// background connections: none are made
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1280,1000", "--user-data-dir=" + this.profile);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		this.wait = new WebDriverWait(this.driver, Duration.ofSeconds(20));
	}

	void open(String url) {
		this.driver.get(url);
	}

	WebElement find(By by) {
		return this.wait.until(ExpectedConditions.visibilityOfElementLocated(by));
	}

	void type(By by, String text) {
		WebElement field = find(by);
		field.clear();
		field.sendKeys(text);
	}

	void click(By by) {
		this.wait.until(ExpectedConditions.elementToBeClickable(by)).click();
	}

	/**
	 * Clicks a button that posts its form and waits for the page the server answers with,
	 * so that what is read next is on that page, not on the one the click left.
	 */
	void submit(By by) {
		WebElement page = this.driver.findElement(By.tagName("html"));
		click(by);
		this.wait.until((driver) -> gone(page));
	}

	// the page a click left: stale once the browser has thrown it away; Chromium may
	// instead say its node no longer belongs to the document, which means the same
	private static boolean gone(WebElement page) {
		try {
			page.isEnabled();
			return false;
		}
		catch (StaleElementReferenceException ex) {
			return true;
		}
		catch (WebDriverException ex) {
			if (String.valueOf(ex.getMessage()).contains("does not belong to the document")) {
				return true;
			}
			throw ex;
		}
	}

	void choose(By by, String value) {
		new Select(find(by)).selectByValue(value);
	}

	// how many the page shows, without waiting for one
	int count(By by) {
		return this.driver.findElements(by).size();
	}

	String text(By by) {
		return find(by).getText();
	}

	String page() {
		return this.driver.getPageSource();
	}

	String url() {
		return this.driver.getCurrentUrl();
	}

	<T> T until(Function<WebDriver, T> condition) {
		return this.wait.until(condition);
	}

	<T> T until(Duration timeout, Function<WebDriver, T> condition) {
		return new WebDriverWait(this.driver, timeout).until(condition);
	}

	Object script(String javascript, Object... arguments) {
		return this.driver.executeScript(javascript, arguments);
	}

	/**
	 * Looks at the current page as a tablet would (768 × 1024, portrait): the page must
	 * not scroll sideways (wide tables scroll inside their own box).
	 * @param name the screenshot's name
	 */
	void onATablet(String name) {
		Dimension laptop = this.driver.manage().window().getSize();
		this.driver.manage().window().setSize(new Dimension(768, 1024));
		try {
			Object overflow = script("return document.documentElement.scrollWidth - window.innerWidth;");
			screenshot(name + "-tablet");
			if (((Number) overflow).longValue() > 0) {
				throw new AssertionError("On a tablet the page " + url() + " scrolls sideways by " + overflow + " px");
			}
		}
		finally {
			this.driver.manage().window().setSize(laptop);
		}
	}

	void refresh() {
		this.driver.navigate().refresh();
	}

	/**
	 * Signs in at identity's login form (the portal sends the browser there).
	 */
	void signIn(String portal, String user) {
		open(portal + "/oauth2/authorization/millgate");
		type(By.id("username"), user);
		type(By.id("password"), user + "-password");
		screenshot("sign-in-" + user);
		click(By.cssSelector("button[type=submit]"));
		until((driver) -> driver.getCurrentUrl().startsWith(portal));
	}

	void screenshot(String name) {
		byte[] png = ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.BYTES);
		this.shots++;
		try {
			Files.write(this.screenshots.resolve(String.format("%02d-%s.png", this.shots, name)), png);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.driver.quit();
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
