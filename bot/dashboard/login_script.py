"""The one script of the sign-in page: inside Telegram, a Mini App is opened with
`#tgWebAppData=<initData>` in its URL; the script posts it to /app/auth/telegram and reloads.
No script from telegram.org is loaded (nothing comes from a CDN)."""

SIGN_IN_SCRIPT = """
(function(){
  var status=document.getElementById('signin-status');
  var hash=window.location.hash.slice(1);
  if(!hash){return;}
  var data=new URLSearchParams(hash).get('tgWebAppData');
  if(!data){return;}
  status.textContent='Đang đăng nhập…';
  var body=new URLSearchParams();body.set('initData',data);
  fetch('/app/auth/telegram',{method:'POST',body:body,credentials:'same-origin'})
    .then(function(r){
      if(r.ok){history.replaceState(null,'',window.location.pathname+window.location.search);window.location.reload();}
      else{status.textContent='Không đăng nhập được: tài khoản chưa được đăng ký hoặc dữ liệu Telegram không hợp lệ.';}
    })
    .catch(function(){status.textContent='Không kết nối được máy chủ.';});
})();
"""
