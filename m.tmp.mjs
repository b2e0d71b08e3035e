import { chromium } from "playwright-core";
const args=["--no-sandbox","--disable-gpu",...(process.env.XA?process.env.XA.split(" "):[])];
for (const exe of ["/usr/bin/chromium","/usr/bin/chromium-headless-shell"]) {
  const b = await chromium.launch({ executablePath: exe, args });
  const p = await b.newPage();
  await p.setContent(`<svg xmlns="http://www.w3.org/2000/svg" width="800" height="400" style="font-family:Helvetica,Arial,sans-serif;font-size:24px">${["z̄","ī","f̄","ō","→","⊙","cᵗ⁻¹","σ","tanh","+","yᵗ","δz̄ᵗ","δcᵗ⁻¹","δ∗̄ᵗ","multiply","hᵗ⁻¹ ⊙ σ′","Wᵀ δŷ","ĝ","x̂","ÿ"].map((t,i)=>`<text x="10" y="${40+i*40}">${t}</text>`).join("")}</svg>`);
  const r = await p.evaluate(() => [...document.querySelectorAll("text")].map(t => { const b = t.getBBox(); return `${t.textContent}:${b.width.toFixed(3)}x${b.height.toFixed(3)}@${b.y.toFixed(3)}`; }).join(" "));
  console.log(exe.split("/").pop(), r);
  await b.close();
}
